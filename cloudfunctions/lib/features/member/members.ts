import { TransactionConflictError, type Store } from '../../ports/store';
import type { MemberRecord } from './records';

/**
 * Changes a member by compare-and-set on `version`: concurrent role changes and bindings
 * cannot overwrite each other. `change` receives the current record (null if none) and
 * returns the next one, or throws an AppError to refuse.
 */
export async function changeMember(
  store: Store,
  memberId: string,
  now: number,
  change: (current: MemberRecord | null) => Omit<MemberRecord, 'version' | 'createdAt' | 'updatedAt' | '_id'>,
): Promise<MemberRecord> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const current = await store.get<MemberRecord>('members', memberId);
    const fields = change(current);
    if (!current) {
      const created: MemberRecord = { _id: memberId, ...fields, version: 1, createdAt: now, updatedAt: now };
      if (await store.insert('members', created)) return created;
      continue;
    }
    const next: MemberRecord = { ...current, ...fields, version: current.version + 1, updatedAt: now };
    const { _id: _ignored, ...patch } = next;
    void _ignored;
    if (await store.update('members', memberId, patch, { version: current.version })) return next;
  }
  throw new TransactionConflictError();
}
