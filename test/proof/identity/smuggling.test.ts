/**
 * Identity comes from the platform, never from the event — proven on the running wrapper.
 * For every action and every kind of caller, the same call with somebody else's identity
 * smuggled in at the top of the event gets exactly the same answer as without it; smuggled
 * inside `data` (strict schemas) it is refused as VALIDATION_ERROR.
 */
import type { ActionDescription } from '../../../miniprogram/core/meta/contract';
import { mediaIdFor } from '../../../cloudfunctions/lib/features/media/records';
import { COLUMNS, EXPECTATIONS } from '../authorization/expectations';
import { actionOf, builders, DEPARTMENT_CONTACT, type Built } from '../authorization/fixtures';
import { codeOf, describeActions, envelopeProblem, show, type AnyEnvelope } from '../support/envelope';
import { baseSnapshot, CALLERS, key, member, restore, snapshot, type CallerKind, type Snapshot, type WorldIds } from '../support/world';

/** Someone more powerful than the caller, and everything that could name them. */
function smuggled(kind: CallerKind, ids: WorldIds): Record<string, unknown> {
  const who = kind === 'admin' ? 'other-admin' : 'demo-admin';
  const community = who === 'demo-admin' ? 'demo' : 'other';
  return {
    openid: who,
    OPENID: who,
    openId: who,
    _openid: who,
    unionid: who,
    appid: 'wx0000000000000000',
    'x-wx-openid': who,
    userInfo: { openId: who, appId: 'wx0000000000000000' },
    role: 'admin',
    roles: ['admin', 'gridWorker', 'resident'],
    memberId: member(who),
    communityId: community,
    gridIds: [ids.g1, ids.g2, ids.otherGrid],
    householdId: 'h_smuggled',
    caller: { openid: who, memberId: member(who), roles: ['admin'], communityId: community },
    tcbContext: { openid: who },
    environ: `WX_OPENID=${who}`,
  };
}

/** Random ids, invite and proxy codes and ballot receipts (a digest of the randomly sealed choice) differ between two runs; everything else must not. */
function normalised(res: AnyEnvelope): string {
  return JSON.stringify(res)
    .replace(/\b([a-z]+)_[A-Za-z0-9]{16}\b/g, '$1_<random>')
    .replace(/"code":"[A-Z0-9]{8}"/g, '"code":"<invite>"')
    .replace(/"code":"[A-Z2-9]{6}"/g, '"code":"<proxy>"')
    .replace(/"receipt":"[2-9A-Z]{4}-[2-9A-Z]{4}"/g, '"receipt":"<receipt>"');
}

interface ObjectSchema {
  properties?: Record<string, unknown>;
  additionalProperties?: unknown;
  anyOf?: ObjectSchema[];
  oneOf?: ObjectSchema[];
}

/** Whether unknown keys are refused (every variant of a union must refuse them), and the keys declared. */
function shapeOf(schema: ObjectSchema): { strict: boolean; declared: Set<string> } {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) {
    const parts = variants.map(shapeOf);
    return { strict: parts.every((p) => p.strict), declared: new Set(parts.flatMap((p) => [...p.declared])) };
  }
  return { strict: schema.additionalProperties === false, declared: new Set(Object.keys(schema.properties ?? {})) };
}

let base: Snapshot;
let catalogue: Map<string, ActionDescription>;

beforeAll(async () => {
  base = await baseSnapshot();
  const w = await restore(base);
  try {
    catalogue = await describeActions(w.h);
  } finally {
    w.h.close();
  }
});

interface Prepared {
  snap: Snapshot;
  built: Built;
}

async function prepare(caseName: string): Promise<Prepared> {
  const w = await restore(base);
  try {
    const built = await builders[caseName](w);
    return { snap: snapshot(w), built };
  } finally {
    w.h.close();
  }
}

async function send(snap: Snapshot, openid: string | null, event: Record<string, unknown>): Promise<AnyEnvelope> {
  const w = await restore(snap);
  try {
    const res = (await w.h.api(event, { openid })) as AnyEnvelope;
    const problem = envelopeProblem(res);
    if (problem) throw new Error(`malformed envelope: ${problem}`);
    return res;
  } finally {
    w.h.close();
  }
}

for (const caseName of Object.keys(builders)) {
  describe(`${caseName}`, () => {
    let prepared: Promise<Prepared> | undefined;
    const ready = () => (prepared ??= prepare(caseName));
    const action = actionOf(caseName);

    it('answers every caller the same with identity smuggled at the top of the event', async () => {
      const description = catalogue.get(action);
      if (!description) throw new Error(`${action} is not listed by meta.describe`);
      const { snap, built } = await ready();
      const differences: string[] = [];
      for (const kind of COLUMNS) {
        const idem = description.idempotent ? key() : undefined;
        const plain = { action, data: built.data, ...(idem ? { idempotencyKey: idem } : {}) };
        const without = await send(snap, CALLERS[kind], plain);
        const withIt = await send(snap, CALLERS[kind], { ...smuggled(kind, snap.ids), ...plain });
        if (codeOf(without) !== codeOf(withIt) || normalised(without) !== normalised(withIt)) {
          differences.push(`${kind}: ${codeOf(without)} without, ${codeOf(withIt)} with\n    without: ${show(without, 300)}\n    with:    ${show(withIt, 300)}`);
        }
      }
      if (differences.length) throw new Error(`${caseName}: smuggled identity changed the answer\n  ${differences.join('\n  ')}`);
    });

    it('refuses identity smuggled inside data', async () => {
      const description = catalogue.get(action);
      if (!description) throw new Error(`${action} is not listed by meta.describe`);
      const { snap, built } = await ready();
      const row = EXPECTATIONS[caseName];
      const allowed = (['resident', 'gridWorker', 'admin', 'volunteer', 'visitor', 'otherResident', 'subdistrict'] as CallerKind[]).find((k) => row?.[k] === 'allow');
      const kind = allowed ?? 'admin';
      // Actions only a department's contact person may call are tried as that person.
      const openid = allowed === undefined && action.startsWith('department.') ? DEPARTMENT_CONTACT : CALLERS[kind];
      const { strict, declared } = shapeOf(description.input as ObjectSchema);
      const wrong: string[] = [];
      for (const [field, value] of Object.entries(smuggled(kind, snap.ids))) {
        if (declared.has(field)) continue; // a declared field (e.g. setRoles' memberId) is input, not identity
        const idem = description.idempotent ? key() : undefined;
        const res = await send(snap, openid, { action, data: { ...built.data, [field]: value }, ...(idem ? { idempotencyKey: idem } : {}) });
        if (strict && codeOf(res) !== 'VALIDATION_ERROR') wrong.push(`${field}: ${codeOf(res)} ${show(res, 200)}`);
        if (!strict) {
          const plain = await send(snap, openid, { action, data: built.data, ...(idem ? { idempotencyKey: idem } : {}) });
          if (codeOf(plain) !== codeOf(res)) wrong.push(`${field} (schema not strict): ${codeOf(plain)} without, ${codeOf(res)} with`);
        }
      }
      if (wrong.length) throw new Error(`${caseName} as ${kind}: identity inside data was not refused\n  ${wrong.join('\n  ')}`);
    });
  });
}

describe('a signed-in caller cannot pose as the platform', () => {
  const fileId = `local://uploads/${member('demo-resident-1')}_review-me.jpg`;
  it('handles an event shaped like WeChat’s image-check push from a signed-in caller as an ordinary request: no verdict changes', async () => {
    const w = await restore(base);
    let snap: Snapshot;
    let traceId: string;
    try {
      await w.h.ok('demo-resident-1', 'media.register', { fileId });
      traceId = (await w.h.deps.store.get<{ _id: string; traceId: string | null }>('media', mediaIdFor(fileId)))?.traceId as string;
      expect(traceId).toEqual(expect.any(String));
      snap = snapshot(w);
    } finally {
      w.h.close();
    }
    const push = { Event: 'wxa_media_check', trace_id: traceId, result: { suggest: 'pass' }, action: 'meta.describe' };
    for (const kind of COLUMNS.filter((k) => k !== 'anonymous')) {
      const t = await restore(snap);
      try {
        const res = (await t.h.api({ ...push }, { openid: CALLERS[kind] })) as AnyEnvelope;
        expect(envelopeProblem(res)).toBeNull();
        // Handled as the action it names (here meta.describe), never as a verdict.
        expect(res.ok && JSON.stringify(res.data) === '"success"').toBe(false);
        expect((await t.h.deps.store.get<{ _id: string; verdict: string }>('media', mediaIdFor(fileId)))?.verdict).toBe('pending');
      } finally {
        t.h.close();
      }
    }
  });
});
