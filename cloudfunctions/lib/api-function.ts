import type { Envelope } from '../../miniprogram/core/envelope';
import { lookupAction } from './actions';
import type { Deps } from './kernel/deps';
import { dispatch } from './kernel/dispatch';

/**
 * Tells who is calling, from the platform: the CloudBase call context in production, the
 * gateway's header locally. It is given the platform context, never the event.
 */
export type IdentityResolver = (context: unknown) => string | null;

export type CloudFunction = (event: unknown, context?: unknown) => Promise<Envelope<unknown>>;

export function createApiFunction(deps: Deps, identity: IdentityResolver): CloudFunction {
  return async (event, context) => {
    let openid: string | null;
    try {
      openid = identity(context);
    } catch {
      openid = null;
    }
    return dispatch(lookupAction, deps, event, { openid });
  };
}
