/**
 * A community's data as JSON lines, and back. `npm run backup -- --community demo` writes
 * every document of that community (all collections the manifests declare, read a page at a
 * time through the store port's indexes); `npm run restore -- backup.jsonl` inserts them
 * into another store, keeping any document that already exists there (so a restore can be
 * rerun after an interruption). The store is the local SQLite file by default, or CloudBase
 * when TCB_ENV, TCB_SECRET_ID and TCB_SECRET_KEY are set, in the shell or `.env` (same
 * adapter as production).
 *
 * Rate-limit windows are left out: they belong to no community and close within a day.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { COLLECTIONS } from '../cloudfunctions/lib/manifests';
import type { Doc, DocumentStore } from '../cloudfunctions/lib/ports/store';
import { openOperatorStore } from './operator-store';

export const BACKUP_FORMAT = 'linli-backup';
export const BACKUP_VERSION = 1;

interface Header {
  format: typeof BACKUP_FORMAT;
  version: number;
  communityId: string;
  takenAt: number;
}
interface Line {
  c: string;
  doc: Doc;
}

/** The field each collection's community-scoped index sorts by, or undefined if it has none. */
function pagingField(indexes: readonly (readonly string[])[]): string | undefined {
  return indexes.find((ix) => ix[0] === 'communityId' && ix.length > 1)?.[1];
}

/** Collections a backup carries: every one with a community-scoped index, plus the community. */
export function backupCollections(): string[] {
  return Object.entries(COLLECTIONS)
    .filter(([name, indexes]) => name === 'communities' || pagingField(indexes) !== undefined)
    .map(([name]) => name);
}

/** Collections a backup cannot read by community; a test keeps this list to the intended ones. */
export function collectionsLeftOut(): string[] {
  return Object.keys(COLLECTIONS).filter((c) => !backupCollections().includes(c));
}

export async function backupCommunity(store: DocumentStore, communityId: string, write: (line: string) => void, now: number): Promise<Record<string, number>> {
  const header: Header = { format: BACKUP_FORMAT, version: BACKUP_VERSION, communityId, takenAt: now };
  write(JSON.stringify(header));
  const counts: Record<string, number> = {};
  for (const collection of backupCollections()) {
    counts[collection] = 0;
    if (collection === 'communities') {
      const doc = await store.get(collection, communityId);
      if (doc) {
        write(JSON.stringify({ c: collection, doc } satisfies Line));
        counts[collection] = 1;
      }
      continue;
    }
    const field = pagingField(COLLECTIONS[collection])!;
    let after: string | undefined;
    do {
      const page = await store.query(collection, { where: { communityId }, orderBy: { field, dir: 'asc' }, limit: 100, after });
      for (const doc of page.items) write(JSON.stringify({ c: collection, doc } satisfies Line));
      counts[collection] += page.items.length;
      after = page.next;
    } while (after);
  }
  return counts;
}

export interface RestoreReport {
  communityId: string;
  inserted: Record<string, number>;
  alreadyThere: Record<string, number>;
}

/** Inserts every document of a backup; one already present (same _id) is left as it is. */
export async function restoreCommunity(store: DocumentStore, lines: AsyncIterable<string> | Iterable<string>): Promise<RestoreReport> {
  let header: Header | undefined;
  const report: RestoreReport = { communityId: '', inserted: {}, alreadyThere: {} };
  for await (const raw of lines) {
    if (!raw.trim()) continue;
    const parsed = JSON.parse(raw) as Header | Line;
    if (!header) {
      const h = parsed as Header;
      if (h.format !== BACKUP_FORMAT || h.version !== BACKUP_VERSION) throw new Error('not a Linli backup (first line must be its header)');
      header = h;
      report.communityId = h.communityId;
      continue;
    }
    const { c, doc } = parsed as Line;
    if (!(c in COLLECTIONS)) throw new Error(`backup names a collection this version does not have: ${c}`);
    if (c !== 'communities' && (doc as { communityId?: unknown }).communityId !== header.communityId) {
      throw new Error(`a ${c} document of another community is in the backup of ${header.communityId}`);
    }
    const bucket = (await store.insert(c, doc)) ? report.inserted : report.alreadyThere;
    bucket[c] = (bucket[c] ?? 0) + 1;
  }
  if (!header) throw new Error('empty backup');
  return report;
}

async function cli(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const { store, close, where } = await openOperatorStore();
  try {
    if (command === 'backup') {
      const at = args.indexOf('--community');
      const communityId = at >= 0 ? args[at + 1] : undefined;
      if (!communityId) throw new Error('usage: npm run backup -- --community <id> [--out file.jsonl]');
      const outAt = args.indexOf('--out');
      const out = outAt >= 0 ? args[outAt + 1] : `backup-${communityId}-${new Date().toISOString().slice(0, 10)}.jsonl`;
      const fd = fs.openSync(out, 'w');
      const counts = await backupCommunity(store, communityId, (line) => fs.writeSync(fd, `${line}\n`), Date.now());
      fs.closeSync(fd);
      console.log(`backed up ${communityId} from ${where} to ${out}:`, counts);
    } else if (command === 'restore') {
      const file = args[0];
      if (!file) throw new Error('usage: npm run restore -- <backup.jsonl>');
      const report = await restoreCommunity(store, readline.createInterface({ input: fs.createReadStream(file) }));
      console.log(`restored ${report.communityId} into ${where}:`, report);
    } else {
      throw new Error('usage: tsx dev/backup.ts backup|restore …');
    }
  } finally {
    close();
  }
}

if (process.argv[1]?.endsWith('backup.ts')) {
  cli().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
