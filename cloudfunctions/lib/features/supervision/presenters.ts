import type { CommitteeView } from '../../../../miniprogram/core/disclosure/supervision-contract';
import { COMMITTEE_CHOSEN_BY_LABELS, COMMITTEE_POSITION_LABELS } from '../../../../miniprogram/core/disclosure/vocabulary';
import type { Caller } from '../../kernel/caller';
import { communityDay, sitsOn } from './committee';
import type { TermRecord } from './records';

/**
 * The committee as everyone in the community reads it. Its members act in office, so they are
 * named (as on the paper board); whether a member uses the app is shown, their account is not.
 * `shown` is the sitting term, else the one about to begin, else the last one; the others are
 * the past, newest first.
 */
export function toCommitteeView(caller: Caller, terms: readonly TermRecord[], now: number): CommitteeView {
  const today = communityDay(now);
  const begun = terms.filter((t) => t.startsOn <= today).sort((a, b) => (a.startsOn < b.startsOn ? 1 : -1));
  const sitting = begun[0] && sitsOn(begun[0], today) ? begun[0] : null;
  const upcoming = terms.filter((t) => t.startsOn > today).sort((a, b) => (a.startsOn < b.startsOn ? -1 : 1))[0] ?? null;
  const shown = sitting ?? upcoming ?? begun[0] ?? null;
  const past = begun.filter((t) => t !== shown);
  return {
    termId: shown?._id ?? null,
    chosenBy: shown?.chosenBy ?? null,
    chosenByLabel: shown ? COMMITTEE_CHOSEN_BY_LABELS[shown.chosenBy] : null,
    meeting: shown?.meetingId ? { meetingId: shown.meetingId, title: shown.meetingTitle ?? '' } : null,
    startsOn: shown?.startsOn ?? null,
    endsOn: shown?.endsOn ?? null,
    current: shown !== null && shown === sitting,
    members: (shown?.members ?? []).map((m) => ({
      name: m.name,
      position: m.position,
      positionLabel: COMMITTEE_POSITION_LABELS[m.position],
      onApp: m.memberId !== null,
      isMe: m.memberId !== null && m.memberId === caller.memberId,
    })),
    past: past.map((t) => ({ termId: t._id, startsOn: t.startsOn, endsOn: t.endedOn && t.endedOn <= t.endsOn ? previousDay(t.endedOn) : t.endsOn, chosenByLabel: COMMITTEE_CHOSEN_BY_LABELS[t.chosenBy] })),
  };
}

/** A replaced term's last day is the day before its successor's first. */
function previousDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
