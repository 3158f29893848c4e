/**
 * The count, from the ballots themselves, every time it is asked for: there is no running
 * tally anywhere to leak or drift, so what is reported always equals the distinct ballots.
 * It is only ever run once the poll has closed and every paper entry has been confirmed.
 */
import { decide, type Decision, type OptionSupport } from '../../../../miniprogram/core/poll/rules';
import type { PollChannel } from '../../../../miniprogram/core/poll/vocabulary';
import type { Deps } from '../../kernel/deps';
import { everyPage } from '../../kernel/every-page';
import type { ScopedStore } from '../../kernel/scoped-store';
import type { BallotRecord, PollRecord } from './records';
import { openChoice, type Choice } from './seal';

export interface Tally {
  ballots: number;
  abstain: number;
  areaCenti: number;
  support: OptionSupport[];
  byChannel: Partial<Record<PollChannel, number>>;
  decision: Decision;
  /** Opened ballots, for the staff-only parts (open texts; who chose what on an open ballot). */
  opened: { ballot: BallotRecord; choice: Choice }[];
}

export function pendingPaper(db: ScopedStore, poll: PollRecord) {
  return db.query('ballots', { where: { pollId: poll._id, status: 'pendingConfirm' }, orderBy: { field: 'at', dir: 'asc' }, limit: 50 });
}

export async function tally(deps: Pick<Deps, 'cipher'>, db: ScopedStore, poll: PollRecord): Promise<Tally> {
  const rollSize = poll.roll?.size ?? 0;
  const baseArea = poll.roll?.areaCenti ?? 0;
  // In a meeting those present take part, whether or not they vote: 出席人的过半数.
  const present = poll.meeting?.present ?? null;
  const label = present ? '到会' : '参与';
  if (poll.hands) {
    const support = poll.options.map((o) => ({ optionId: o.id, label: o.label, units: poll.hands?.counts[o.id] ?? 0, area: 0 }));
    const turnout = { baseUnits: rollSize, baseArea: present ? baseArea : 0, units: poll.hands.present, area: present?.areaCenti ?? 0 };
    return { ballots: poll.hands.present, abstain: poll.hands.abstain, areaCenti: 0, support, byChannel: { hands: poll.hands.present }, decision: decide(poll.rule, poll.unit, turnout, support, label), opened: [] };
  }
  const ballots = await everyPage(db, 'ballots', { pollId: poll._id, status: 'counted' }, 'at');
  const opened = ballots.map((ballot) => ({ ballot, choice: openChoice(deps, ballot.choiceSealed) }));
  const support = poll.options.map((o) => ({ optionId: o.id, label: o.label, units: 0, area: 0 }));
  const byId = new Map(support.map((s) => [s.optionId, s]));
  const byChannel: Partial<Record<PollChannel, number>> = {};
  let abstain = 0;
  let area = 0;
  for (const { ballot, choice } of opened) {
    byChannel[ballot.channel] = (byChannel[ballot.channel] ?? 0) + 1;
    area += ballot.areaCenti;
    if (choice.abstain) abstain += 1;
    for (const id of new Set(choice.optionIds ?? [])) {
      const s = byId.get(id);
      if (s) {
        s.units += 1;
        s.area += ballot.areaCenti;
      }
    }
  }
  const turnout = present ? { baseUnits: rollSize, baseArea, units: present.units, area: present.areaCenti } : { baseUnits: rollSize, baseArea, units: ballots.length, area };
  return { ballots: ballots.length, abstain, areaCenti: area, support, byChannel, decision: decide(poll.rule, poll.unit, turnout, support, label), opened };
}
