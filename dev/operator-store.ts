/**
 * The store an operator's command (backup, restore, reseal) works on: the local SQLite file,
 * or a CloudBase environment through the production adapter when TCB_ENV, TCB_SECRET_ID and
 * TCB_SECRET_KEY are set in the shell or in the git-ignored `.env` that `npm run deploy` reads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { COLLECTIONS } from '../cloudfunctions/lib/manifests';
import type { DocumentStore } from '../cloudfunctions/lib/ports/store';

const ROOT = path.resolve(__dirname, '..');

/** `.env` under the shell: a variable set in the shell wins. */
export function operatorEnv(file = path.join(ROOT, '.env')): Record<string, string | undefined> {
  const fromFile = fs.existsSync(file) ? parseEnv(fs.readFileSync(file, 'utf8')) : {};
  return { ...fromFile, ...process.env };
}

export async function openOperatorStore(env = operatorEnv()): Promise<{ store: DocumentStore; close(): void; where: string }> {
  const { TCB_ENV, TCB_SECRET_ID, TCB_SECRET_KEY } = env;
  if (TCB_ENV && TCB_SECRET_ID && TCB_SECRET_KEY) {
    const tcb = (await import('@cloudbase/node-sdk')).default;
    const { CloudbaseStore } = await import('../cloudfunctions/lib/store/cloudbase-store');
    const app = tcb.init({ env: TCB_ENV, secretId: TCB_SECRET_ID, secretKey: TCB_SECRET_KEY });
    return { store: new CloudbaseStore(app.database() as never, COLLECTIONS), close: () => undefined, where: `CloudBase ${TCB_ENV}` };
  }
  const { SqliteStore } = await import('../cloudfunctions/lib/store/sqlite-store');
  const filename = env.LINLI_DB ?? path.join(ROOT, '.data', 'linli.sqlite');
  const store = new SqliteStore({ filename, collections: COLLECTIONS });
  return { store, close: () => store.close(), where: filename };
}
