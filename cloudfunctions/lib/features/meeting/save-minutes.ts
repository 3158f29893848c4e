import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import { checkWritten } from '../../kernel/content';
import { commitVersioned } from '../../kernel/versioned';
import { loadMeeting } from './load';
import { minutesNames, minutesView } from './minutes';
import { quorumOfMeeting } from './presenters';
import type { MeetingRecord, MinutesRecord } from './records';

/** Where a meeting is when its minutes cannot be written, and why. */
export function requireMinutesOpen(m: MeetingRecord): void {
  if (m.status === 'minutesApproved') throw new AppError('CLOSED', '纪要已审定公布，不能再修改');
  if (m.status === 'cancelled') throw new AppError('CLOSED', '会议已取消');
  if (m.status !== 'ended') throw new AppError('CONFLICT', '会议结束后才能起草纪要');
}

/**
 * 起草或修改会议纪要: the secretary's, after the meeting and before approval. A save names the
 * version it was read at; one made on a stale read is CONFLICT, never a silent overwrite of
 * a colleague's — or one's own other device's — text.
 */
export const saveMinutes: Handler<'meeting.saveMinutes'> = async (ctx) => {
  const { input, caller } = ctx;
  const db = ctx.db();
  const m = await loadMeeting(ctx, input.meetingId);
  if (caller.memberId !== m.secretaryId) throw new AppError('FORBIDDEN', '只有本次会议的记录人可以起草纪要');
  requireMinutesOpen(m);
  const current = m.minutes?.version ?? 0;
  if (input.version !== current) throw fieldError('CONFLICT', 'version', '纪要已在别处修改，请刷新后再改');
  const agenda = new Set(m.agenda.map((i) => i.itemId));
  const items = new Map<string, string>();
  input.items.forEach((i, n) => {
    if (!agenda.has(i.itemId)) throw fieldError('VALIDATION_ERROR', `items.${n}.itemId`, '这一项不在本次会议的议程上');
    items.set(i.itemId, i.discussion);
  });
  // The names and the count the view shows, at once: saving the draft changes neither.
  const [names, quorum] = await Promise.all([minutesNames(db, m, input.namedMemberIds), quorumOfMeeting(db, m)]);
  const stranger = input.namedMemberIds.findIndex((id) => !names.rollMemberIds.has(id));
  if (stranger >= 0) throw fieldError('VALIDATION_ERROR', `namedMemberIds.${stranger}`, '同意具名的人须在本次会议的名册上');
  const written: Record<string, string> = { summary: input.summary };
  input.items.forEach((i, n) => (written[`items.${n}.discussion`] = i.discussion));
  await checkWritten(ctx, written, { scene: 'forum' });
  const minutes: MinutesRecord = {
    status: 'draft',
    version: current + 1,
    summary: input.summary,
    items: [...items].map(([itemId, discussion]) => ({ itemId, discussion })),
    namedMemberIds: names.named.map((n) => n.memberId),
    savedAt: ctx.now,
    approvedBy: null,
    approvedByName: null,
    approvedAt: null,
    publicText: null,
    publicRecord: null,
  };
  const makeEvent = (n: MeetingRecord) =>
    eventRecord(db, caller, { key: `v${n.version}:minutes`, subject: `meeting:${m._id}`, type: 'meeting.minutesSaved', from: null, to: `v${minutes.version}`, public: false, at: ctx.now });
  const next = await commitVersioned(db, 'meetings', m, { minutes }, makeEvent, '纪要已在别处修改，请刷新后再改');
  // The names were read for this very draft's named people just now.
  const view = await minutesView(ctx, next, { names, quorum });
  return view!;
};
