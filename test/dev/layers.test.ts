/**
 * The import-direction check (dev/layers.ts, run by CI as `npm run check:layers`): the
 * real tree passes, and a planted cycle or a backwards import makes it fail.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkLayers } from '../../dev/layers';

const ROOT = path.resolve(__dirname, '../..');

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-layers-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe('the real tree', () => {
  it('imports only in the allowed directions and has no folder cycle', () => {
    expect(checkLayers(ROOT)).toEqual([]);
  });
});

describe('a planted violation', () => {
  it('a cycle between two feature folders is named with the imports that close it', () => {
    const dir = tree({
      'cloudfunctions/lib/features/poll/vote.ts': "import { motion } from '../council/motion';\nexport const vote = motion;\n",
      'cloudfunctions/lib/features/council/motion.ts': "import type { vote } from '../poll/vote';\nexport const motion = 1 as unknown as typeof vote;\n",
    });
    const found = checkLayers(dir, ['cloudfunctions']);
    expect(found).toHaveLength(1);
    expect(found[0].kind).toBe('cycle');
    expect(found[0].message).toContain('features/council, features/poll');
  });
  it('the kernel reaching into a feature', () => {
    const dir = tree({
      'cloudfunctions/lib/kernel/caller.ts': "import type { Ballot } from '../features/poll/records';\nexport type X = Ballot;\n",
      'cloudfunctions/lib/features/poll/records.ts': 'export interface Ballot { id: string }\n',
    });
    expect(checkLayers(dir, ['cloudfunctions'])).toEqual([
      { kind: 'direction', message: 'cloudfunctions/lib/kernel/caller.ts (kernel) imports cloudfunctions/lib/features/poll/records.ts (features)' },
    ]);
  });
  it('a feature using an adapter instead of a port', () => {
    const dir = tree({
      'cloudfunctions/lib/features/poll/vote.ts': "import { SqliteStore } from '../../store/sqlite-store';\nexport const s = SqliteStore;\n",
      'cloudfunctions/lib/store/sqlite-store.ts': 'export class SqliteStore {}\n',
    });
    expect(checkLayers(dir, ['cloudfunctions']).map((v) => v.kind)).toEqual(['direction']);
  });
  it('a page importing server code', () => {
    const dir = tree({
      'miniprogram/pages/home/index.ts': "import { x } from '../../../cloudfunctions/lib/kernel/time';\nexport const y = x;\n",
      'cloudfunctions/lib/kernel/time.ts': 'export const x = 1;\n',
    });
    expect(checkLayers(dir, ['miniprogram', 'cloudfunctions']).map((v) => v.kind)).toEqual(['direction']);
  });
});
