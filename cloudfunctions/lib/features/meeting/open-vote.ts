/**
 * 开始表决 on one agenda item. The quorum is counted now from the sign-ins — never typed in —
 * and below it the vote does not open. One item at a time: `votingItemId` goes from null to
 * the item by compare-and-set. The vote is a poll on the entries present at this moment:
 * an entry present in person is voted by its own members, one present by proxy by the
 * agent alone. 业主大会 items are decided under their own matter's tier of Art. 278.
 */
import { AppError, fieldError } from '../../../../miniprogram/core/errors';
import { ballotUnitOf, meetingRule } from '../../../../miniprogram/core/council/quorum';
import { AGENDA_ITEM_STATUS_LABELS } from '../../../../miniprogram/core/council/vocabulary';
import type { FrozenRule } from '../../../../miniprogram/core/poll/rules';
import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { everyPage } from '../../kernel/every-page';
import type { ScopedStore } from '../../kernel/scoped-store';
import { HOUR } from '../../kernel/time';
import { meetingPollId, openMeetingPoll, withdrawMeetingPoll } from '../poll/meeting-poll';
import type { CensusUnit } from '../roll/census';
import type { RollUnit } from '../poll/records';
import { loadMeeting } from './load';
import { requireVoteRunner } from './permissions';
import { presentNow, quorumNow, wholeQuorumFrom, type Present } from './presence';
import { meetingView } from './presenters';
import type { AgendaItem, MeetingRecord } from './records';
import { rollEntriesOf, wholeMeetingRoll } from './roll';

export function itemRule(m: MeetingRecord, item: AgendaItem): FrozenRule {
  if (m.rule.id !== 'CivilCode-278' || item.matter === null) return m.rule;
  return { ...meetingRule('CivilCode-278', { matter: item.matter }), headCount: m.rule.headCount ?? 'perOwner' };
}

/** The entries present, each with who votes for it: its own members, or its agent alone. */
async function presentUnits(db: ScopedStore, m: MeetingRecord, present: Present, whole?: { unitKey: string; unit: RollUnit }[]): Promise<CensusUnit[]> {
  const roll = new Map((whole ?? (await wholeMeetingRoll(db, m))).map((e) => [e.unitKey, e.unit]));
  // The active proxies the item's count has just read.
  const proxies = present.proxies ?? (await everyPage(db, 'meetingProxies', { meetingId: m._id, status: 'active' }, 'createdAt'));
  const agentNames = new Map(proxies.flatMap((p) => (p.agentMemberId ? [[p.agentMemberId, p.agentName ?? '受托人'] as const] : [])));
  // An agent sees the entry they vote for as they were told it: 「3号楼2单元301（王某）」.
  const principalLabels = new Map(proxies.map((p) => [p.principalUnitKey, p.principalLabel]));
  return [...present.entries].flatMap(([unitKey, e]) => {
    const u = roll.get(unitKey);
    if (!u) return [];
    const byProxy = e.via === 'proxy';
    const voterIds = byProxy ? (e.agentId ? [e.agentId] : []) : u.voterIds;
    const voterNames = byProxy ? Object.fromEntries(voterIds.map((id) => [id, agentNames.get(id) ?? '受托人'])) : u.voterNames;
    const label = byProxy ? principalLabels.get(unitKey) ?? u.label : u.label;
    return [{ unitKey, label, areaCenti: e.areaCenti, voterIds, voterNames, buildingId: u.buildingId, gridId: u.gridId }];
  });
}

export function requireItem(m: MeetingRecord, itemId: string): AgendaItem {
  const item = m.agenda.find((i) => i.itemId === itemId);
  if (!item) throw fieldError('NOT_FOUND', 'itemId', '议程中没有这一项');
  return item;
}

export const openVote: Handler<'meeting.openVote'> = async (ctx) => {
  const db = ctx.db();
  const { itemId } = ctx.input;
  let m = await loadMeeting(ctx, ctx.input.meetingId);
  requireVoteRunner(ctx.caller, m);
  const subject = `meeting:${m._id}`;
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const item = requireItem(m, itemId);
    // A retry, or the same opening racing itself, finds the vote open.
    if (m.votingItemId === itemId && item.status === 'voting') return meetingView(ctx, m);
    if (m.status !== 'inSession') throw new AppError('CLOSED', m.status === 'noticed' ? '会议尚未开始：参会人签到后才能表决' : '会议已经结束');
    if (item.status !== 'pending') throw fieldError('CONFLICT', 'itemId', `该议程${AGENDA_ITEM_STATUS_LABELS[item.status]}，不能再开始表决`);
    if (m.votingItemId !== null) {
      const voting = m.agenda.find((i) => i.itemId === m.votingItemId);
      throw new AppError('CONFLICT', `正在表决「${voting?.title ?? ''}」，请先结束该项表决`);
    }
    if (item.voteMode === 'none') {
      const agenda = m.agenda.map((i) => (i.itemId === itemId ? { ...i, status: 'discussed' as const, closedAt: ctx.now } : i));
      if (await db.update('meetings', m._id, { agenda, version: m.version + 1 }, { version: m.version, votingItemId: null })) {
        await appendEvent(db, ctx.caller, { key: `item:${itemId}:discussed`, subject, type: 'meeting.itemDiscussed', from: 'pending', to: 'discussed', public: true, note: item.title, at: ctx.now });
        return meetingView(ctx, { ...m, agenda, version: m.version + 1 });
      }
      m = await db.require('meetings', m._id, '会议不存在');
      continue;
    }
    // The count, the roll, the caller's own entries on it (for the view) and the poll this
    // round would open (made already by a call that raced this one) at once: independent readings.
    const [present, whole, entries, existing] = await Promise.all([
      presentNow(db, m, itemId), wholeMeetingRoll(db, m), rollEntriesOf(db, m, ctx.caller.memberId), db.get('polls', meetingPollId(db.communityId, m._id, itemId, m.version)),
    ]);
    const quorum = quorumNow(m, present);
    if (!quorum.met) throw new AppError('CONFLICT', `不足法定人数：${quorum.text}`, { quorum });
    const poll = await openMeetingPoll(db, ctx.deps, {
      meetingId: m._id, itemId, round: m.version, title: item.title, description: item.text, eligibilityText: `${m.title}到会人员`,
      options: item.options, secret: item.secret, unit: ballotUnitOf(m.roll.kind), rule: itemRule(m, item),
      channels: item.voteMode === 'hands' ? ['hands'] : ['app', 'meeting'], gridIds: m.gridIds,
      base: { size: m.roll.size, areaCenti: m.roll.areaCenti, hash: m.roll.hash },
      present: { units: quorum.present, areaCenti: present.presence.areaCenti }, units: await presentUnits(db, m, present, whole),
      closesAt: Math.max(m.endsAt, ctx.now) + 6 * HOUR, by: ctx.caller, now: ctx.now,
    }, { existing });
    const agenda = m.agenda.map((i) => (i.itemId === itemId ? { ...i, status: 'voting' as const, pollId: poll._id, quorumAtOpen: quorum, openedAt: ctx.now } : i));
    const next = { ...m, agenda, votingItemId: itemId, version: m.version + 1 };
    if (await db.update('meetings', m._id, { agenda, votingItemId: itemId, version: next.version }, { version: m.version, votingItemId: null, status: 'inSession' })) {
      // The event and the view (its count from the sign-ins just read) at once.
      const [, view] = await Promise.all([
        appendEvent(db, ctx.caller, { key: `item:${itemId}:open`, subject, type: 'meeting.voteOpened', from: 'pending', to: 'voting', public: true, note: `${item.title}：${quorum.text}`, at: ctx.now }),
        meetingView(ctx, next, { known: { entries, quorum: wholeQuorumFrom(next, present) } }),
      ]);
      return view;
    }
    m = await db.require('meetings', m._id, '会议不存在');
    // Unless the meeting now stands on this very poll, it never opened: withdraw it.
    if (m.agenda.find((i) => i.itemId === itemId)?.pollId !== poll._id) await withdrawMeetingPoll(db, poll, ctx.now);
  }
  throw new AppError('CONFLICT', '会议状态刚刚变化，请刷新后再试');
};
