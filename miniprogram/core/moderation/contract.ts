/**
 * Content safety: text and images the WeChat check could not clear (or that three
 * residents reported) wait here for staff; until approved only their author sees them.
 */
import { contract, type Page } from '../action';
import { z, id, text, paging, fileId } from '../schema';

export const REPORTS_TO_HIDE = 3;

export interface ModerationItemView {
  id: string;
  subjectType: 'concernText' | 'photo';
  subjectId: string;
  /** What to judge: the text, or the photo's file id. */
  content: string;
  reason: 'textReview' | 'imageReview' | 'reported' | 'checkFailed';
  reportCount: number;
  status: 'pending' | 'approved' | 'rejected';
  createdAt: number;
}

export const moderationQueue = contract<Page<ModerationItemView>>()({
  name: 'moderation.queue',
  summary: '内容审核：待审核的文字和图片',
  input: z.strictObject({ status: z.enum(['pending', 'approved', 'rejected']).default('pending'), ...paging }),
  roles: ['admin'],
  scope: '本社区',
});

export const decideModeration = contract<ModerationItemView>()({
  name: 'moderation.decide',
  summary: '审核通过或不通过',
  input: z
    .strictObject({ itemId: id('审核编号'), decision: z.enum(['approve', 'reject']), reason: text('不通过理由', 2, 100).optional() })
    .refine((v) => v.decision === 'approve' || v.reason !== undefined, { error: '不通过时请填写理由', path: ['reason'] }),
  roles: ['admin'],
  scope: '本社区',
});

export const reportContent = contract<{ reported: true; hidden: boolean }>()({
  name: 'moderation.report',
  summary: '举报不当内容（三人举报后暂时隐藏待审核）',
  input: z.union([
    z.strictObject({ subjectType: z.literal('concernText'), subjectId: id('诉求编号'), reason: text('举报理由', 2, 100) }),
    z.strictObject({ subjectType: z.literal('photo'), fileId, reason: text('举报理由', 2, 100) }),
  ]),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '本人能看到的内容；每人每条举报一次',
});
