/**
 * Writing the next version: the draft as typed, scanned by the privacy gate with the names it
 * must mask and keep. Decisions already taken stay with flags the scan finds again at the
 * same place (the gate's rule), so an edit elsewhere does not undo a review.
 */
import type { ScopedStore } from '../../kernel/scoped-store';
import type { IdentifiedCaller } from '../../kernel/caller';
import { minutesNames } from '../meeting/minutes';
import { flagDraft, type GateNames } from './gate';
import { gateNames } from './gate-names';
import type { DraftRecord, FlagRecord, ItemRecord } from './records';

export type DraftContent = Pick<DraftRecord, 'categoryKey' | 'title' | 'period' | 'body' | 'finance' | 'relief' | 'attachments' | 'links'>;

const merged = (a: GateNames, b: Partial<GateNames>): GateNames => ({
  knownNames: [...new Set([...a.knownNames, ...(b.knownNames ?? [])])],
  keepNames: [...new Set([...a.keepNames, ...(b.keepNames ?? [])])],
});

/**
 * Beyond the community's own names, those of the source: minutes mask every name on the
 * meeting's roll and keep its officers, movers and those who agreed to be named — the same
 * lists the minutes were masked with, read again from the meeting rather than kept here.
 */
async function sourceNames(db: ScopedStore, source: ItemRecord['source']): Promise<Partial<GateNames>> {
  if (source.kind !== 'minutes' || !source.refId) return {};
  const m = await db.get('meetings', source.refId);
  if (!m) return {};
  const names = await minutesNames(db, m, m.minutes?.namedMemberIds ?? []);
  return { knownNames: names.knownNames, keepNames: names.keepNames };
}

/** The community's names, and the source's — as handed over (`given`) or read again from it. */
export async function namesFor(db: ScopedStore, source: ItemRecord['source'], now: number, given?: Partial<GateNames>): Promise<GateNames> {
  const [community, fromSource] = await Promise.all([gateNames(db, now), given ?? sourceNames(db, source)]);
  return merged(community, fromSource);
}

export function buildDraft(
  content: DraftContent,
  o: { draftVersion: number; correctionReason: string | null; by: Pick<IdentifiedCaller, 'memberId' | 'name'>; now: number; names: GateNames; previous: readonly FlagRecord[] },
): DraftRecord {
  const base: Omit<DraftRecord, 'flags'> = {
    ...content,
    draftVersion: o.draftVersion,
    correctionReason: o.correctionReason,
    updatedAt: o.now,
    byId: o.by.memberId,
    byName: o.by.name ?? '社区工作人员',
  };
  return { ...base, flags: flagDraft(base, o.names, o.previous) };
}
