import { z } from 'zod';
import { contracts } from '../../../../miniprogram/core/contracts';
import type { ActionDescription } from '../../../../miniprogram/core/meta/contract';

let cached: ActionDescription[] | undefined;

/** The catalogue as data; computed once per warm instance since contracts never change. */
export async function describeActions(): Promise<{ actions: ActionDescription[] }> {
  cached ??= Object.values(contracts).map((c) => ({
    name: c.name,
    summary: c.summary,
    roles: c.roles,
    scope: c.scope,
    idempotent: c.idempotent === true,
    anonymous: c.anonymous === true,
    // `input` describes what a caller sends, before defaults and normalisation apply.
    input: z.toJSONSchema(c.input, { io: 'input', unrepresentable: 'any' }),
  }));
  return { actions: cached };
}
