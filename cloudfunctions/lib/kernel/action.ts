import type { ActionContract, ContractOutput, ContractParsed } from '../../../miniprogram/core/action';
import type { ActionName, Contracts } from '../../../miniprogram/core/contracts';
import { AppError } from '../../../miniprogram/core/errors';
import type { Caller } from './caller';
import type { Deps } from './deps';
import { ScopedStore } from './scoped-store';

export interface HandlerContext<In> {
  input: In;
  caller: Caller;
  deps: Deps;
  /** Present on idempotent actions (the wrapper requires it there). */
  idempotencyKey?: string;
  /** The instant this call is handled; use cases take time from here, not from a clock. */
  now: number;
  /** The caller's own community; FORBIDDEN for callers that belong to none. */
  db(): ScopedStore;
  /** A named community, for visitors choosing where they live. */
  dbFor(communityId: string): ScopedStore;
}

export interface ActionDef<C extends ActionContract> {
  contract: C;
  handler(ctx: HandlerContext<ContractParsed<C>>): Promise<ContractOutput<C>>;
}

/** Binds a handler to its contract; types tie the handler's input and output to it. */
export function bind<C extends ActionContract>(
  contract: C,
  handler: (ctx: HandlerContext<ContractParsed<C>>) => Promise<ContractOutput<C>>,
): ActionDef<C> {
  return { contract, handler };
}

/** The full table: one entry per contract, keyed by action name. */
export type ActionTable = { [K in ActionName]: ActionDef<Contracts[K]> };

export function makeContext<In>(
  deps: Deps,
  caller: Caller,
  input: In,
  now: number,
  idempotencyKey?: string,
): HandlerContext<In> {
  return {
    input,
    caller,
    deps,
    idempotencyKey,
    now,
    db() {
      if (!caller.communityId) throw new AppError('FORBIDDEN', '请先绑定所在社区的住户');
      return new ScopedStore(deps.store, caller.communityId);
    },
    dbFor(communityId: string) {
      return new ScopedStore(deps.store, communityId);
    },
  };
}
