import type { z } from 'zod';
import type { ActionName } from './action-names';
import type { CallerRole } from './roles';

/**
 * What both sides know about an action: its name, its input, who may call it and how its
 * scope is limited. The server binds a handler to each; the mini-program validates with the
 * same schema before sending. `Out` is the whitelisted response shape.
 */
export interface ActionContract<I extends z.ZodType = z.ZodType, Out = unknown> {
  readonly name: ActionName;
  /** One line, Chinese, shown in docs and the workbench. */
  readonly summary: string;
  readonly input: I;
  readonly roles: readonly CallerRole[];
  /** Plain-language statement of the scope rule the handler enforces. */
  readonly scope: string;
  /** Creates something a retry must not duplicate: callers should send an idempotencyKey. */
  readonly idempotent?: boolean;
  /**
   * Callable with no platform identity at all (public reads). Every other action needs an
   * OPENID, even where `visitor` (signed in, no member record) is among the roles.
   */
  readonly anonymous?: boolean;
  /** Type-only marker for the response shape; never set at run time. */
  readonly __out?: Out;
}

/**
 * Declares a contract: `contract<ResponseShape>()({ name, input, ... })`. Curried so the
 * input type is inferred from the schema while the response type is stated.
 */
export function contract<Out>() {
  return <I extends z.ZodType>(c: Omit<ActionContract<I, Out>, '__out'>): ActionContract<I, Out> => c;
}

export type ContractInput<C> = C extends ActionContract<infer I, unknown> ? z.input<I> : never;
export type ContractParsed<C> = C extends ActionContract<infer I, unknown> ? z.output<I> : never;
export type ContractOutput<C> = C extends ActionContract<z.ZodType, infer O> ? O : never;

/** A page of a list. `next` is absent on the last page. */
export interface Page<T> {
  items: T[];
  next?: string;
}
