/**
 * Wiring for a real CloudBase environment. Module scope on purpose: a warm instance reuses
 * the SDK clients instead of rebuilding them per call.
 *
 * WeChat's open APIs (云调用) stay on their documented route, wx-server-sdk's
 * `cloud.openapi` ("云调用需要在云函数中通过 wx-server-sdk 使用"; @cloudbase/node-sdk's
 * callWxOpenApi is in its typings but documented nowhere). wx-server-sdk is loaded on the
 * first open-API call rather than when the function starts: most calls never make one, and
 * loading it (its protobuf codec, and in node_modules its own copy of node-sdk) was most of
 * the bundle's start-up (bench: cold start). The build hands it the same node-sdk as ours.
 */
import type tcbModule from '@cloudbase/node-sdk';
import type { Deps } from '../kernel/deps';
import { parseBootstrapAdmins, parseOpenids } from '../kernel/deps';
import { parseRateLimits } from '../kernel/rate-limit';
import { CloudbaseStore, type CbDatabase } from '../store/cloudbase-store';
import { ReferenceCacheStore, referenceTtlFromEnv } from '../store/reference-cache';
import { parseTemplates } from '../features/notify/templates';
import { COLLECTIONS, DEFAULT_RATE_LIMITS, templateForKind } from '../manifests';
import { InboxNotifier } from '../features/notify/inbox-notifier';
import { AesGcmCipher, missingKeyCipher } from '../platform/data-cipher';
import { CloudbaseFileUrls, WechatMediaChecker, WechatPhoneExchange, type TempUrlApi, type WechatOpenApi } from '../platform/wechat-services';
import { WechatSubscriptionSender, type SubscribeMessageApi } from '../platform/subscription-senders';
import { cryptoIds, jsonLogger, systemClock } from '../platform/system';
import { WechatContentChecker, type MsgSecCheckApi } from '../platform/wechat-content-checker';

type WxCloud = typeof import('wx-server-sdk');

/**
 * Loads wx-server-sdk on first use and initialises it once (`init` gives its config; in
 * production the function's own env). `cloud.openapi` is a Proxy that answers every property,
 * `then` included, so it travels boxed: a promise resolved with it would take it for a
 * thenable and call `openapi.then` as an API.
 */
export function wxServerSdkOpenApi(init: (cloud: WxCloud) => Record<string, unknown>): () => Promise<{ openapi: unknown }> {
  let loaded: Promise<WxCloud> | undefined;
  return () => {
    if (!loaded) {
      const loading = import('wx-server-sdk').then((m) => {
        const cloud = (m as { default?: WxCloud }).default ?? (m as WxCloud);
        cloud.init(init(cloud) as Parameters<WxCloud['init']>[0]);
        return cloud;
      });
      // A failed load is tried again on the next call rather than remembered.
      loading.catch(() => {
        if (loaded === loading) loaded = undefined;
      });
      loaded = loading;
    }
    return loaded.then((cloud) => ({ openapi: cloud.openapi }));
  };
}

type OpenApi = WechatOpenApi & MsgSecCheckApi & SubscribeMessageApi;
/** The open-API calls the adapters make, each through `client` (wx-server-sdk's `cloud.openapi`). */
export function lazyOpenApi(client: () => Promise<{ openapi: unknown }>): OpenApi {
  // Never returns the Proxy from an async function (see wxServerSdkOpenApi): only its calls' promises.
  const call = async <T>(f: (api: OpenApi) => Promise<T>): Promise<T> => f((await client()).openapi as OpenApi);
  return {
    security: {
      msgSecCheck: (args) => call((api) => api.security.msgSecCheck(args)),
      mediaCheckAsync: (args) => call((api) => api.security.mediaCheckAsync(args)),
    },
    phonenumber: { getPhoneNumber: (args) => call((api) => api.phonenumber.getPhoneNumber(args)) },
    subscribeMessage: { send: (args) => call((api) => api.subscribeMessage.send(args)) },
  };
}

const openapiClient = wxServerSdkOpenApi((cloud) => ({ env: cloud.DYNAMIC_CURRENT_ENV }));

type Tcb = typeof tcbModule;
type CloudbaseApp = ReturnType<Tcb['init']>;
let cloudbaseApp: CloudbaseApp | undefined;

/**
 * node-sdk is loaded and initialised on the first call that needs it, not when the function
 * starts: loading it is most of a cold start (bench: cold start), and the platform answers
 * the first call either way. Synchronous on purpose: the caller's openid is read through it
 * before anything else, on every call.
 */
function app(): CloudbaseApp {
  if (!cloudbaseApp) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- synchronous by design (see above)
    const loaded = require('@cloudbase/node-sdk') as Tcb & { default?: Tcb };
    const tcb = loaded.default ?? loaded;
    // The typings declare env as a string; the SDK documents this symbol as "the function's own env".
    cloudbaseApp = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV as unknown as string });
  }
  return cloudbaseApp;
}

/**
 * An object that stands for `load()`'s result and loads it on first use: the adapters hold
 * the SDK's database and app from the start, the SDK itself comes later.
 */
export function onFirstUse<T extends object>(load: () => T): T {
  let target: T | undefined;
  const real = () => (target ??= load());
  return new Proxy({} as T, {
    get(_stub, property) {
      const t = real();
      const value = Reflect.get(t, property, t) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(t) : value;
    },
    has: (_stub, property) => Reflect.has(real(), property),
  });
}

export function productionDeps(): Deps {
  const store = new ReferenceCacheStore(new CloudbaseStore(onFirstUse(() => app().database() as unknown as CbDatabase), COLLECTIONS), referenceTtlFromEnv(process.env.LINLI_REFERENCE_TTL_MS));
  const templates = parseTemplates(process.env.LINLI_SUBSCRIBE_TEMPLATES);
  const files = new CloudbaseFileUrls(onFirstUse(() => app() as unknown as TempUrlApi));
  const openapi = lazyOpenApi(openapiClient);
  return {
    store,
    clock: systemClock,
    ids: cryptoIds,
    content: new WechatContentChecker(openapi, jsonLogger),
    media: new WechatMediaChecker(openapi, files),
    files,
    phones: new WechatPhoneExchange(openapi),
    cipher: process.env.LINLI_DATA_KEY ? AesGcmCipher.fromEnv(process.env.LINLI_DATA_KEY, process.env.LINLI_DATA_KEYS_RETIRED) : missingKeyCipher,
    notifier: new InboxNotifier(store, systemClock, templates, templateForKind),
    sender: new WechatSubscriptionSender(openapi, (process.env.LINLI_MP_STATE as 'formal' | 'trial' | 'developer' | undefined) ?? 'formal'),
    log: jsonLogger,
    config: {
      bootstrapAdmins: parseBootstrapAdmins(process.env.LINLI_ADMIN_OPENIDS, process.env.LINLI_DEFAULT_COMMUNITY ?? 'default'),
      subdistrict: { name: process.env.LINLI_SUBDISTRICT ?? '街道', admins: parseOpenids(process.env.LINLI_SUBDISTRICT_ADMIN_OPENIDS) },
      rateLimits: parseRateLimits(process.env.LINLI_RATE_LIMITS, DEFAULT_RATE_LIMITS),
      templates,
      appId: process.env.LINLI_APPID ?? null,
    },
  };
}

/** The platform injects the caller; `getUserInfo` reads it from the call context. */
export function platformOpenid(): string | null {
  return app().auth().getUserInfo().openId || null;
}

/**
 * Where the platform says a call came from: SOURCE `wx_client` is the mini-program, whatever
 * the body claims; a message push (the image-check verdict) comes from elsewhere. Without a
 * SOURCE, a call that carries an openid is taken as a client's.
 */
export function platformSource(_context: unknown, openid: string | null): 'client' | 'platform' {
  const source = contextSource();
  if (source) return source === 'wx_client' ? 'client' : 'platform';
  return openid === null ? 'platform' : 'client';
}

/**
 * SOURCE as wx-server-sdk's getWXContext reads it (index.js getWXContext): TCB_SOURCE when
 * set, else WX_SOURCE when the platform lists it in WX_CONTEXT_KEYS.
 */
export function contextSource(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.TCB_SOURCE) return env.TCB_SOURCE;
  let source: string | undefined;
  for (const key of (env.WX_CONTEXT_KEYS ?? '').split(',')) {
    if ((key === 'WX_SOURCE' || key === 'SOURCE') && env[key] !== undefined) source = env[key];
  }
  return source;
}
