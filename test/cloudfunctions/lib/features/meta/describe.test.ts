import { contracts } from '../../../../../miniprogram/core/contracts';
import type { ActionDescription } from '../../../../../miniprogram/core/meta/contract';
import { actionNames, lookupAction } from '../../../../../cloudfunctions/lib/manifests';
import { createHarness, type Harness } from '../../../../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ seed: false });
});
afterAll(() => h.close());

describe('meta.describe lists every action with roles and JSON Schema', () => {
  it('answers anyone, including anonymous callers', async () => {
    const { actions } = await h.ok<{ actions: ActionDescription[] }>(null, 'meta.describe');
    expect(actions.map((a) => a.name).sort()).toEqual(Object.keys(contracts).sort());
    const submit = actions.find((a) => a.name === 'concern.submit')!;
    expect(submit).toMatchObject({ roles: ['resident'], idempotent: true });
    expect(submit.input).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: expect.arrayContaining(['category', 'text', 'buildingId']),
      properties: { text: { type: 'string', minLength: 5, maxLength: 1000 } },
    });
  });
  it('has a handler bound for every contract, under its own name', () => {
    for (const name of actionNames()) expect(lookupAction(name)?.contract.name).toBe(name);
    expect(actionNames().sort()).toEqual(Object.keys(contracts).sort());
  });
});
