import type { ActionContract, ContractOutput, ContractParsed } from '../../../miniprogram/core/action';
import type { ActionName, Contracts } from '../../../miniprogram/core/contracts';
import { AppError } from '../../../miniprogram/core/errors';
import type { ReadPart, Store } from '../ports/store';
import type { Caller, IdentifiedCaller } from './caller';
import type { Deps } from './deps';
import type { FeatureRegistry } from './feature';
import { ScopedStore } from './scoped-store';

export interface HandlerContext<In, C extends Caller = IdentifiedCaller> {
  input: In;
  /** Identified by the platform on every action but the few public reads (`bindPublic`). */
  caller: C;
  deps: Deps;
  /** What other features offer this one (personal data, subjects, community setup). */
  features: FeatureRegistry;
  /** Present on idempotent actions (the wrapper requires it there). */
  idempotencyKey?: string;
  /** The instant this call is handled; use cases take time from here, not from a clock. */
  now: number;
  /** The caller's own community; FORBIDDEN for callers that belong to none. */
  db(): ScopedStore;
  /** A named community, for visitors choosing where they live. */
  dbFor(communityId: string): ScopedStore;
  /**
   * The store unscoped, for the few callers whose records are not all of one community (a
   * department contact's entry may serve several): what `deps.store` reads, but through the
   * action's prefetched parts like db(). Nothing filters it: the handler checks every right.
   */
  unscoped(): Store;
}

/** The use case behind action `K`: its input and output are the contract's. */
export type Handler<K extends ActionName> = (ctx: HandlerContext<ContractParsed<Contracts[K]>>) => Promise<ContractOutput<Contracts[K]>>;

/** The use case behind a public read (`anonymous: true`): its caller may have no identity. */
export type PublicHandler<K extends ActionName> = (ctx: HandlerContext<ContractParsed<Contracts[K]>, Caller>) => Promise<ContractOutput<Contracts[K]>>;

/**
 * Reads an action's handler will make, known from its input and the caller's member id
 * alone: the wrapper reads them in the same round-trip as the caller's member record (the
 * anchor; a query part names the caller's community as `fromAnchor('communityId')`), and
 * the handler's own `get`/`getMany`/`query` asking exactly for them are answered from
 * there (kernel/prefetched-store.ts). A part the handler does not ask for costs nothing but
 * bytes; a read it asks differently is read as always. `now` is the instant the handler
 * gets as `ctx.now`. Undefined: nothing to prefetch.
 */
export type Prefetch<In> = (input: In, memberId: string, now: number) => Readonly<Record<string, ReadPart>> | undefined;

/** The prefetch of action `K`, typed by its contract's input. */
export type PrefetchOf<K extends ActionName> = Prefetch<ContractParsed<Contracts[K]>>;

export interface ActionDef<C extends ActionContract> {
  contract: C;
  handler(ctx: HandlerContext<ContractParsed<C>, Caller>): Promise<ContractOutput<C>>;
  prefetch?: Prefetch<ContractParsed<C>>;
}

/**
 * Binds a handler to its contract; types tie the handler's input and output to it. The
 * handler gets an identified caller: the wrapper refuses anonymous calls to such actions.
 */
export function bind<C extends ActionContract>(
  contract: C,
  handler: (ctx: HandlerContext<ContractParsed<C>>) => Promise<ContractOutput<C>>,
  options: { prefetch?: Prefetch<ContractParsed<C>> } = {},
): ActionDef<C> {
  if (contract.anonymous) throw new Error(`${contract.name} is callable without identity: bind it with bindPublic`);
  return { contract, handler: handler as ActionDef<C>['handler'], ...(options.prefetch ? { prefetch: options.prefetch } : {}) };
}

/** For the public reads (`anonymous: true`): the handler must cope with no identity at all. */
export function bindPublic<C extends ActionContract>(
  contract: C,
  handler: (ctx: HandlerContext<ContractParsed<C>, Caller>) => Promise<ContractOutput<C>>,
): ActionDef<C> {
  if (!contract.anonymous) throw new Error(`${contract.name} needs an identified caller: bind it with bind`);
  return { contract, handler };
}

/** The full table: one entry per contract, keyed by action name. */
export type ActionTable = { [K in ActionName]: ActionDef<Contracts[K]> };

export function makeContext<In>(
  deps: Deps,
  features: FeatureRegistry,
  caller: Caller,
  input: In,
  now: number,
  idempotencyKey?: string,
  /** What db(), dbFor() and unscoped() read through: the prefetched store when the action declared one. */
  store: Store = deps.store,
): HandlerContext<In, Caller> {
  return {
    input,
    caller,
    deps,
    features,
    idempotencyKey,
    now,
    db() {
      if (!caller.communityId) throw new AppError('FORBIDDEN', '请先绑定所在社区的住户');
      return new ScopedStore(store, caller.communityId);
    },
    dbFor(communityId: string) {
      return new ScopedStore(store, communityId);
    },
    unscoped() {
      return store;
    },
  };
}
