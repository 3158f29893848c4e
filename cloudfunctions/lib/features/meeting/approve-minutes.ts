import { MEETING_BODY_LABELS } from '../../../../miniprogram/core/council/vocabulary';
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import type { Handler, HandlerContext } from '../../kernel/action';
import { eventRecord } from '../../kernel/audit';
import type { IdentifiedCaller } from '../../kernel/caller';
import { redact } from '../../kernel/redact';
import { commitVersioned } from '../../kernel/versioned';
import { linkMotionResolution } from '../motion/schedule';
import { createResolution, requireStaffMember } from '../resolution/create';
import { resolutionIdFor } from '../resolution/records';
import { loadMeeting } from './load';
import { minutesNames, minutesView, publicMinutes, recordLines } from './minutes';
import { quorumOfMeeting } from './presenters';
import type { AgendaItem, MeetingRecord } from './records';
import { requireMinutesOpen } from './save-minutes';

interface Assignment {
  item: AgendaItem;
  owner: { id: string; name: string };
  dueAt: number;
  procedure: boolean;
}

/** Every adopted item needs an owner from the community's staff and a due date ahead; nothing else may get one. */
async function assignmentsFor(ctx: HandlerContext<{ resolutions: { itemId: string; ownerId: string; dueAt: number; procedure: boolean }[] }, IdentifiedCaller>, m: MeetingRecord): Promise<Assignment[]> {
  const db = ctx.db();
  const given = ctx.input.resolutions;
  const out: Assignment[] = [];
  for (const [n, r] of given.entries()) {
    const item = m.agenda.find((i) => i.itemId === r.itemId);
    if (!item) throw fieldError('VALIDATION_ERROR', `resolutions.${n}.itemId`, '这一项不在本次会议的议程上');
    if (item.status !== 'adopted') throw fieldError('VALIDATION_ERROR', `resolutions.${n}.itemId`, `第${item.order}项未表决通过，不形成决议`);
    if (given.findIndex((g) => g.itemId === r.itemId) !== n) throw fieldError('VALIDATION_ERROR', `resolutions.${n}.itemId`, `第${item.order}项重复了`);
    if (r.dueAt <= ctx.now) throw fieldError('VALIDATION_ERROR', `resolutions.${n}.dueAt`, '完成期限须晚于现在');
    out.push({ item, owner: await requireStaffMember(db, r.ownerId, `resolutions.${n}.ownerId`), dueAt: r.dueAt, procedure: r.procedure });
  }
  const missing = m.agenda.filter((i) => i.status === 'adopted' && !out.some((a) => a.item.itemId === i.itemId));
  if (missing.length) {
    throw fieldError('VALIDATION_ERROR', 'resolutions', `表决通过的议程须各指定负责人和完成期限：${missing.map((i) => `第${i.order}项「${i.title}」`).join('、')}`);
  }
  return out;
}

/**
 * One resolution per adopted item, and the motion it came from pointed at it; each step
 * idempotent. A resolution is read by the whole community: its words are masked as the
 * public minutes are (`mask`).
 */
async function resolve(ctx: HandlerContext<unknown, IdentifiedCaller>, m: MeetingRecord, assignments: readonly Assignment[], mask: (text: string) => string): Promise<void> {
  const db = ctx.db();
  for (const a of assignments) {
    const i = a.item;
    const close = i.quorumAtClose;
    const r = await createResolution(db, ctx.deps.notifier, {
      meetingId: m._id,
      meetingTitle: m.title,
      bodyLabel: MEETING_BODY_LABELS[m.body],
      meetingAt: m.startsAt,
      itemId: i.itemId,
      title: mask(i.title),
      text: mask(i.text),
      explanation: i.decision?.explanation ?? '',
      motionId: i.motionId,
      ownerId: a.owner.id,
      ownerName: a.owner.name,
      dueAt: a.dueAt,
      procedure: a.procedure,
      resolveStage: {
        date: m.startsAt,
        bodyText: `${MEETING_BODY_LABELS[m.body]}：${m.title}`,
        due: close?.base ?? m.roll.size,
        present: close?.present ?? 0,
        quorumText: close?.text ?? '',
        outcome: i.decision?.explanation ?? '表决通过',
      },
    }, ctx.caller, ctx.now);
    if (i.motionId) await linkMotionResolution(db, i.motionId, { resolutionId: r._id, title: r.title }, ctx.now);
  }
}

/**
 * 居务公开 carries the approved minutes: the public text as frozen, pointing at the meeting
 * and the resolutions it made, with the roll's names for the privacy gate to mask. On the
 * retry path too, so a crash between approval and this step is mended (the hook is idempotent).
 */
async function discloseMinutes(ctx: HandlerContext<unknown, IdentifiedCaller>, m: MeetingRecord, names: { knownNames: string[]; keepNames: string[] }): Promise<void> {
  const min = m.minutes;
  if (!min || min.status !== 'approved') return;
  const resolutions = m.agenda.flatMap((i) => (i.resolutionId ? [{ kind: 'resolution' as const, refId: i.resolutionId }] : []));
  await ctx.features.disclosable(ctx, {
    kind: 'minutes',
    refId: m._id,
    title: `会议纪要：${m.title}`,
    body: min.publicText ?? '',
    links: [{ kind: 'meeting', refId: m._id }, ...resolutions],
    at: min.approvedAt ?? ctx.now,
    knownNames: names.knownNames,
    keepNames: names.keepNames,
  });
}

/**
 * 审定纪要: an admin other than the secretary approves the version they read. The public text
 * is frozen then — masked by kernel/redact with every name of the community and the roll,
 * keeping officers, movers and those who agreed — and each adopted item becomes a
 * resolution with its owner and due date. The minutes first, by compare-and-set; then the
 * resolutions, each insert-if-absent: a retry by the same approver finishes what a crash
 * left undone and changes nothing else.
 */
export const approveMinutes: Handler<'meeting.approveMinutes'> = async (ctx) => {
  const { input, caller } = ctx;
  const db = ctx.db();
  const m = await loadMeeting(ctx, input.meetingId);
  if (caller.memberId === m.secretaryId) throw new AppError('FORBIDDEN', '记录人不能审定自己起草的纪要，请由另一位管理员审定');
  const retry = m.status === 'minutesApproved' && m.minutes?.approvedBy === caller.memberId && m.minutes.version === input.version;
  if (!retry) {
    requireMinutesOpen(m);
    if (!m.minutes) throw new AppError('CONFLICT', '记录人尚未起草纪要');
    if (m.minutes.version !== input.version) throw fieldError('CONFLICT', 'version', '纪要刚被修改，请重新阅读后再审定');
  }
  const draft = m.minutes!;
  // Independent readings at once: the owners, the names to mask, the count (the meeting has ended: it no longer changes).
  const [assignments, names, quorum] = await Promise.all([assignmentsFor(ctx, m), minutesNames(db, m, draft.namedMemberIds), quorumOfMeeting(db, m)]);
  const options = { knownNames: names.knownNames, keepNames: names.keepNames };
  let approved = m;
  if (!retry) {
    const pub = publicMinutes(m, recordLines(m, quorum), draft, names);
    const byItem = new Map(assignments.map((a) => [a.item.itemId, resolutionIdFor(m._id, a.item.itemId)]));
    const makeEvent = (n: MeetingRecord) =>
      eventRecord(db, caller, { key: `v${n.version}:minutesApproved`, subject: `meeting:${m._id}`, type: 'meeting.minutesApproved', from: m.status, to: n.status, public: true, at: ctx.now });
    approved = await commitVersioned(db, 'meetings', m, {
      status: 'minutesApproved',
      minutes: { ...draft, status: 'approved', approvedBy: caller.memberId, approvedByName: caller.name ?? '社区管理员', approvedAt: ctx.now, publicText: pub.text, publicRecord: pub.record, publicSummary: pub.summary, publicItems: pub.items },
      agenda: m.agenda.map((i) => (byItem.has(i.itemId) ? { ...i, resolutionId: byItem.get(i.itemId)! } : i)),
    }, makeEvent, '纪要刚被他人审定或修改，请刷新后重试');
  }
  await resolve(ctx, approved, assignments, (text) => redact(text, options).text);
  await discloseMinutes(ctx, approved, options);
  const view = await minutesView(ctx, approved, { names, quorum });
  return view!;
};
