/**
 * `npm run reseal -- --community <id>`: after a data-key rotation, seals every stored phone
 * number of the community under the current LINLI_DATA_KEY, opening it with whichever key
 * (current or LINLI_DATA_KEYS_RETIRED) sealed it. Each document is updated only if its sealed
 * text is still the one read, so a resident changing their number meanwhile is never
 * overwritten; a rerun skips what is done. When every community reports 0 left, the retired
 * key can be removed from `.env` and the functions deployed again (README runbook).
 */
import { AesGcmCipher } from '../cloudfunctions/lib/platform/data-cipher';
import type { DocumentStore } from '../cloudfunctions/lib/ports/store';
import type { MemberRecord } from '../cloudfunctions/lib/kernel/members';
import { openOperatorStore, operatorEnv } from './operator-store';

export interface ResealReport {
  resealed: number;
  alreadyCurrent: number;
  /** Changed by someone else between read and write; a rerun picks them up. */
  changedMeanwhile: number;
}

export async function resealCommunity(store: DocumentStore, cipher: AesGcmCipher, communityId: string): Promise<ResealReport> {
  const report: ResealReport = { resealed: 0, alreadyCurrent: 0, changedMeanwhile: 0 };
  let after: string | undefined;
  do {
    const page = await store.query<MemberRecord>('members', { where: { communityId }, orderBy: { field: 'createdAt', dir: 'asc' }, limit: 100, after });
    for (const m of page.items) {
      if (!m.phoneEnc) continue;
      if (cipher.sealedUnderCurrentKey(m.phoneEnc)) {
        report.alreadyCurrent += 1;
        continue;
      }
      const resealed = cipher.encrypt(cipher.decrypt(m.phoneEnc));
      if (await store.update('members', m._id, { phoneEnc: resealed }, { phoneEnc: m.phoneEnc })) report.resealed += 1;
      else report.changedMeanwhile += 1;
    }
    after = page.next;
  } while (after);
  return report;
}

async function cli(): Promise<void> {
  const args = process.argv.slice(2);
  const communityId = args[args.indexOf('--community') + 1];
  if (!args.includes('--community') || !communityId) throw new Error('usage: npm run reseal -- --community <id>');
  const env = operatorEnv();
  if (!env.LINLI_DATA_KEY) throw new Error('LINLI_DATA_KEY (the new key) and LINLI_DATA_KEYS_RETIRED (the old ones) must be set in .env');
  const cipher = AesGcmCipher.fromEnv(env.LINLI_DATA_KEY, env.LINLI_DATA_KEYS_RETIRED);
  const { store, close, where } = await openOperatorStore(env);
  try {
    const r = await resealCommunity(store, cipher, communityId);
    console.log(`${where} · ${communityId}: resealed ${r.resealed}, already under the current key ${r.alreadyCurrent}, changed meanwhile ${r.changedMeanwhile}${r.changedMeanwhile ? ' (run again)' : ''}`);
  } finally {
    close();
  }
}

if (process.argv[1]?.endsWith('reseal.ts')) {
  cli().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
