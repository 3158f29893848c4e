/**
 * The device's zod stand-in (services/lazy-zod.ts) must give every contract exactly the
 * schema the server builds: each contract is built both ways — through the stand-in with a
 * fresh zod arriving later, and directly — and compared by structure (JSON Schema) and by
 * what each answers to the same inputs (data, issues and their Chinese messages).
 */
import fc from 'fast-check';
import { z as directZ } from 'zod';
import { contracts as direct } from '../../../miniprogram/core/contracts';
import type { ActionName } from '../../../miniprogram/core/action-names';

type LazyModule = typeof import('../../../miniprogram/services/lazy-zod');
type Zod = typeof import('zod');

interface Built {
  lazy: LazyModule;
  contracts: typeof direct;
  fresh: Zod;
}

/** The contracts as the device builds them: 'zod' is the stand-in, zod itself comes later. */
function buildThroughStandIn(): Built {
  let built: Built | undefined;
  jest.isolateModules(() => {
    const fresh = jest.requireActual<Zod>('zod');
    const lazy = jest.requireActual<LazyModule>('../../../miniprogram/services/lazy-zod');
    jest.doMock('zod', () => ({ z: lazy.z, whenLoaded: lazy.whenLoaded, isLoaded: lazy.isLoaded }));
    const contracts = (jest.requireActual('../../../miniprogram/core/contracts') as { contracts: typeof direct }).contracts;
    built = { lazy, contracts, fresh };
  });
  if (!built) throw new Error('not built');
  return built;
}

const names = Object.keys(direct) as ActionName[];

function jsonSchema(zod: Zod, schema: unknown): string {
  try {
    return JSON.stringify(zod.z.toJSONSchema(schema as never, { unrepresentable: 'any', io: 'input' }));
  } catch (e) {
    return `throws ${(e as Error).message}`;
  }
}

/** What a parse tells the caller, comparable across two copies of zod. */
function outcome(schema: { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: unknown[] } } }, input: unknown): string {
  const r = schema.safeParse(input);
  return JSON.stringify(r.success ? { data: r.data } : { issues: r.error?.issues.map((i) => ({ ...(i as object), input: undefined })) });
}

describe('the device zod stand-in', () => {
  it('builds the contracts without zod and refuses to parse before zod arrives', async () => {
    const { lazy, contracts, fresh } = buildThroughStandIn();
    let asked = 0;
    // core/schema.ts sets zod's global config at load (zh-CN spread in, plain issues over
    // it): the stand-in must make that call, with both, when zod arrives.
    const configured: Array<Record<string, unknown>> = [];
    const watched = {
      ...fresh.z,
      config: (c: Record<string, unknown>) => {
        configured.push(c);
        return fresh.z.config(c as never);
      },
    };
    lazy.setLoader(async () => {
      asked += 1;
      return { z: watched as never };
    });
    expect(lazy.isLoaded()).toBe(false);
    expect(asked).toBe(0);
    expect(() => contracts['concern.submit'].input.safeParse({})).toThrow('zod 尚未加载');
    expect(await lazy.whenLoaded()).toBe(true);
    expect(await lazy.whenLoaded()).toBe(true);
    expect(asked).toBe(1);
    expect(lazy.isLoaded()).toBe(true);
    expect(configured).toHaveLength(1);
    expect(Object.keys(configured[0]).sort()).toEqual(['customError', 'localeError']);
    expect(typeof configured[0].localeError).toBe('function');
    expect(typeof configured[0].customError).toBe('function');
  });

  it('tries again after a failed download and answers false meanwhile, never throwing', async () => {
    const { lazy, fresh } = buildThroughStandIn();
    let fail = true;
    lazy.setLoader(async () => {
      if (fail) throw new Error('network');
      return { z: fresh.z as never };
    });
    expect(await lazy.whenLoaded()).toBe(false);
    expect(lazy.isLoaded()).toBe(false);
    fail = false;
    expect(await lazy.whenLoaded()).toBe(true);
  });

  describe('once zod has arrived', () => {
    let built: Built;
    beforeAll(async () => {
      built = buildThroughStandIn();
      built.lazy.setLoader(async () => ({ z: built.fresh.z as never }));
      await built.lazy.whenLoaded();
    });

    it('gives every contract the same structure as the server builds', () => {
      for (const name of names) {
        expect([name, jsonSchema(built.fresh, built.contracts[name].input)]).toEqual([name, jsonSchema({ z: directZ } as Zod, direct[name].input)]);
      }
    });

    it('answers every contract exactly as the server does, Chinese messages included', () => {
      const value = fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.constantFrom('', '  有空格  ', '\u200b', 'a'.repeat(300), 'm1', 'c-1', '2026-12-03', '{"$ne":null}'),
        fc.integer({ min: -5, max: 2_000_000_000_000 }),
        fc.boolean(),
        fc.constant(undefined),
        fc.constant(null),
        fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
      );
      for (const name of names) {
        const shape = JSON.parse(jsonSchema({ z: directZ } as Zod, direct[name].input)) as { properties?: Record<string, unknown> };
        const keys = Object.keys(shape.properties ?? {});
        const inputs: unknown[] = [{}, undefined, null, 'x', ...fc.sample(fc.record(Object.fromEntries(keys.map((k) => [k, value])), { requiredKeys: [] }), { numRuns: 40, seed: 18 })];
        for (const input of inputs) {
          expect([name, input, outcome(built.contracts[name].input, input)]).toEqual([name, input, outcome(direct[name].input, input)]);
        }
      }
    });

    it('answers a well-formed submission with the same cleaned data', () => {
      const input = { categoryId: 'c1', text: '\u200b  楼道灯坏了三天，晚上很黑  ', photos: [], anonymous: false };
      expect(outcome(built.contracts['concern.submit'].input, input)).toBe(outcome(direct['concern.submit'].input, input));
    });
  });
});
