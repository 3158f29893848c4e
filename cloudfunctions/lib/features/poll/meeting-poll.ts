/**
 * A vote in a meeting is a poll like any other — one ballot per entry, sealed until the
 * tally, decided under a frozen rule — written open at once by meeting.openVote. Its roll
 * holds only the entries present when the vote opened (the voters an entry's own members
 * when in person, the agent alone when by proxy), while its size and area stay the meeting
 * roll's: the base its quorum is taken against. Those present are those taking part, so
 * approval is 出席人的过半数 however many vote.
 */
import { createHash } from 'node:crypto';
import type { BallotUnit, FrozenRule } from '../../../../miniprogram/core/poll/rules';
import type { PollChannel } from '../../../../miniprogram/core/poll/vocabulary';
import { appendEvent } from '../../kernel/audit';
import type { IdentifiedCaller } from '../../kernel/caller';
import type { Deps } from '../../kernel/deps';
import type { ScopedStore } from '../../kernel/scoped-store';
import type { CensusUnit } from '../roll/census';
import type { PollRecord } from './records';
import { writeRollBuckets } from './roll-freeze';

export interface MeetingPollInput {
  meetingId: string;
  itemId: string;
  /**
   * The meeting's version the vote opens at: two calls opening it at once find one poll,
   * while an opening that lost its meeting's compare-and-set and tries again makes a fresh one.
   */
  round: number;
  /** 「增设快递柜（3号楼协商会）」 */
  title: string;
  description: string;
  /** 「3号楼协商会到会人员」 */
  eligibilityText: string;
  options: { id: string; label: string }[];
  secret: boolean;
  unit: BallotUnit;
  rule: FrozenRule;
  /** `['app', 'meeting']` per person, `['hands']` for a show of hands. */
  channels: PollChannel[];
  /** The meeting's grids: their grid workers enter the ballots of the entries there. */
  gridIds: string[];
  /** The meeting roll: the base of participation and of its published hash. */
  base: { size: number; areaCenti: number; hash: string };
  present: { units: number; areaCenti: number };
  /** The entries present, each with who may vote for it. */
  units: readonly CensusUnit[];
  closesAt: number;
  by: IdentifiedCaller;
  now: number;
}

/** One poll per item of a meeting and round: a second opening in a race finds the same. */
export const meetingPollId = (communityId: string, meetingId: string, itemId: string, round: number) =>
  `pm${createHash('sha256').update(`${communityId}:${meetingId}:${itemId}:${round}`).digest('hex').slice(0, 20)}`;

/**
 * `known`: the poll under this id as the caller read it beside its other readings (null:
 * none yet), so the look for an opening already made costs no wait of its own.
 */
export async function openMeetingPoll(db: ScopedStore, deps: Pick<Deps, 'ids'>, input: MeetingPollInput, known?: { existing: PollRecord | null }): Promise<PollRecord> {
  const id = meetingPollId(db.communityId, input.meetingId, input.itemId, input.round);
  const existing = known ? known.existing : await db.get('polls', id);
  if (existing) return existing;
  const { freezeId, buckets, docs } = await writeRollBuckets(deps, db, id, input.units);
  const record: PollRecord = {
    _id: id, communityId: db.communityId, title: input.title, description: input.description,
    options: input.options, minPicks: 1, maxPicks: 1, openTextLabel: null, unit: input.unit,
    eligibility: { scope: 'meeting', ids: [input.meetingId], text: input.eligibilityText },
    gridIds: input.gridIds, buildingIds: [], participation: 0, secret: input.secret, rule: input.rule,
    channels: input.channels, opensAt: input.now, closesAt: input.closesAt, status: 'open',
    // Closed by meeting.closeVote, which re-checks the quorum first; the sweep leaves it alone.
    wakeAt: null,
    roll: { freezeId, buckets, size: input.base.size, areaCenti: input.base.areaCenti, hash: input.base.hash },
    hands: null, closedAt: null, closedBy: null, closeReason: null, published: null,
    createdBy: input.by.memberId, createdByName: input.by.name ?? '工作人员', createdAt: input.now, version: 1,
    meeting: { meetingId: input.meetingId, itemId: input.itemId, present: input.present },
  };
  if (!(await db.insert('polls', record))) {
    // Opened a moment ago by another call: its buckets are the roll, these would only lie about.
    for (const d of docs) await db.remove('pollRolls', d._id);
    return db.require('polls', id, '投票不存在');
  }
  await appendEvent(db, input.by, {
    key: 'opened', subject: `poll:${id}`, type: 'poll.opened', to: 'open', public: true,
    note: `会议表决：到会${input.present.units}个单位，名册${input.base.size}个单位，校验码${input.base.hash.slice(0, 16)}`, at: input.now,
  });
  return record;
}

/** An opening that lost its meeting's race: its poll never stood, and nobody was given it. */
export async function withdrawMeetingPoll(db: ScopedStore, poll: PollRecord, now: number): Promise<void> {
  const patch = { status: 'cancelled' as const, closedAt: now, closeReason: '会议表决未能开始', version: poll.version + 1 };
  if (await db.update('polls', poll._id, patch, { status: 'open', participation: 0 })) {
    await appendEvent(db, 'system', { key: 'cancelled', subject: `poll:${poll._id}`, type: 'poll.cancelled', from: 'open', to: 'cancelled', public: false, note: patch.closeReason, at: now });
  }
}
