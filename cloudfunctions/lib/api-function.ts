import type { Envelope } from '../../miniprogram/core/envelope';
import { FEATURE_REGISTRY, lookupAction } from './manifests';
import type { Deps } from './kernel/deps';
import { dispatch } from './kernel/dispatch';
import { handleMediaPush, isMediaPush } from './features/media/verdicts';

/**
 * Tells who is calling, from the platform: the CloudBase call context in production, the
 * gateway's header locally. It is given the platform context, never the event.
 */
export type IdentityResolver = (context: unknown) => string | null;

/**
 * Whether the platform delivered this call from the mini-program (a client, whatever its
 * body says) or itself (a message push). In production the context's SOURCE says it
 * (`wx_client` for the mini-program); by default a call with an openid is a client's.
 */
export type SourceResolver = (context: unknown, openid: string | null) => 'client' | 'platform';

export type CloudFunction = (event: unknown, context?: unknown) => Promise<Envelope<unknown>>;

const defaultSource: SourceResolver = (_context, openid) => (openid === null ? 'platform' : 'client');

export function createApiFunction(deps: Deps, identity: IdentityResolver, source: SourceResolver = defaultSource): CloudFunction {
  return async (event, context) => {
    let openid: string | null;
    try {
      openid = identity(context);
    } catch {
      openid = null;
    }
    // WeChat's mediaCheckAsync verdict arrives as a platform push, which may carry an
    // openid of its own: it is taken by its shape, only from the platform (never from a
    // client, whatever its body), only for this mini-program, and only for a trace id the
    // app is waiting for (handleMediaPush). Anything else is an ordinary request.
    if (isMediaPush(event) && source(context, openid) === 'platform') {
      if (deps.config.appId !== null && event.appid === deps.config.appId) {
        await handleMediaPush(deps, event, deps.clock.now());
        return { ok: true, data: 'success' };
      }
      deps.log.error({ port: 'media', error: 'image-check push for another app id refused' });
    }
    return dispatch(lookupAction, deps, event, { openid, features: FEATURE_REGISTRY });
  };
}
