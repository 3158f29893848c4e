/**
 * On the device zod arrives after launch, from its own subpackage (services/lazy-zod.ts):
 * whatever checks input with a contract's schema waits for it here. Under Node (tests, the
 * server) `zod` is the library itself and everything is ready at once.
 */
import * as zod from 'zod';
import type { z } from 'zod';
import type { ActionContract } from '../core/action';
import { ok, type Envelope } from '../core/envelope';
import { validateInput } from '../core/validate';

const device = zod as unknown as { whenLoaded?: () => Promise<boolean>; isLoaded?: () => boolean };

/** Resolves true once schemas can run; false if the subpackage could not be fetched. */
export function schemasReady(): Promise<boolean> {
  return device.whenLoaded ? device.whenLoaded() : Promise.resolve(true);
}

/** A synchronous check (inside a tap, before any await) may run only when this is true. */
export function schemasLoaded(): boolean {
  return device.isLoaded ? device.isLoaded() : true;
}

/**
 * The contract's check for a synchronous step (a tap that must not await, a dialog asked
 * only for input that can be sent). In the moments before zod has arrived it lets the
 * input through: `call` checks again once it is here, and the server always does.
 */
export function checkNow<I extends z.ZodType>(c: ActionContract<I, unknown>, input: unknown): Envelope<z.output<I>> {
  return schemasLoaded() ? validateInput(c, input) : ok(input as z.output<I>);
}
