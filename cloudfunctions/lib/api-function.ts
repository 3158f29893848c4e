import type { Envelope } from '../../miniprogram/core/envelope';
import { FEATURE_REGISTRY, lookupAction } from './manifests';
import type { Deps } from './kernel/deps';
import { dispatch } from './kernel/dispatch';
import { handleMediaPush } from './features/media/verdicts';

function isMediaPush(event: unknown): event is { Event: 'wxa_media_check'; trace_id?: unknown; result?: { suggest?: unknown } } {
  return typeof event === 'object' && event !== null && (event as { Event?: unknown }).Event === 'wxa_media_check';
}

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
    // WeChat's mediaCheckAsync verdict arrives as a platform push with no user behind it;
    // a client call always carries an OPENID, so it can never pose as one.
    if (openid === null && isMediaPush(event)) {
      await handleMediaPush(deps, event, deps.clock.now());
      return { ok: true, data: 'success' };
    }
    return dispatch(lookupAction, deps, event, { openid, features: FEATURE_REGISTRY });
  };
}
