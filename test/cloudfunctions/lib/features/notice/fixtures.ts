import type { NoticeView } from '../../../../../miniprogram/core/disclosure/notice-contract';
import type { Page } from '../../../../../miniprogram/core/action';
import { DAY } from '../../../../../cloudfunctions/lib/kernel/time';
import { key, type Harness } from '../../../../support/harness';

export interface NoticeDraft {
  title: string;
  body: string;
  pinned: boolean;
  expiresAt: number;
  keep: string[];
}

export function draft(h: Harness, extra: Partial<NoticeDraft> = {}): NoticeDraft {
  return { title: '本周六上午停水通知', body: '因二次供水设备检修，本周六8:00至12:00全小区停水，请提前储水。', pinned: false, expiresAt: h.clock.now() + 7 * DAY, keep: [], ...extra };
}

export const publish = (h: Harness, extra: Partial<NoticeDraft> = {}, who = 'demo-admin', k = key()) => h.call<NoticeView>(who, 'notice.publish', draft(h, extra), k);

export async function published(h: Harness, extra: Partial<NoticeDraft> = {}): Promise<NoticeView> {
  return h.ok<NoticeView>('demo-admin', 'notice.publish', draft(h, extra), key());
}

export const titles = async (h: Harness, who: string, when: 'active' | 'all' = 'active', limit = 50) =>
  (await h.ok<Page<NoticeView>>(who, 'notice.list', { when, limit })).items.map((n) => n.title);

export async function noticeEvents(h: Harness, noticeId: string) {
  return (await h.deps.store.query('events', { where: { communityId: 'demo', subject: `notice:${noticeId}` }, orderBy: { field: 'at', dir: 'asc' }, limit: 50 })).items;
}
