/**
 * Wiring for a real CloudBase environment. Module scope on purpose: a warm instance reuses
 * the SDK clients instead of rebuilding them per call.
 */
import tcb from '@cloudbase/node-sdk';
import cloud from 'wx-server-sdk';
import type { Deps } from '../kernel/deps';
import { parseBootstrapAdmins, parseOpenids } from '../kernel/deps';
import { parseRateLimits } from '../kernel/rate-limit';
import { CloudbaseStore, type CbDatabase } from '../store/cloudbase-store';
import { parseTemplates } from '../features/notify/templates';
import { COLLECTIONS, DEFAULT_RATE_LIMITS, templateForKind } from '../manifests';
import { InboxNotifier } from '../features/notify/inbox-notifier';
import { AesGcmCipher, missingKeyCipher } from '../platform/data-cipher';
import { CloudbaseFileUrls, WechatMediaChecker, WechatPhoneExchange, type TempUrlApi, type WechatOpenApi } from '../platform/wechat-services';
import { WechatSubscriptionSender, type SubscribeMessageApi } from '../platform/subscription-senders';
import { cryptoIds, jsonLogger, systemClock } from '../platform/system';
import { WechatContentChecker, type MsgSecCheckApi } from '../platform/wechat-content-checker';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
// The typings declare env as a string; the SDK documents this symbol as "the function's own env".
const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV as unknown as string });

export function productionDeps(): Deps {
  const store = new CloudbaseStore(app.database() as unknown as CbDatabase, COLLECTIONS);
  const templates = parseTemplates(process.env.LINLI_SUBSCRIBE_TEMPLATES);
  const files = new CloudbaseFileUrls(app as unknown as TempUrlApi);
  const openapi = cloud.openapi as unknown as WechatOpenApi;
  return {
    store,
    clock: systemClock,
    ids: cryptoIds,
    content: new WechatContentChecker(cloud.openapi as unknown as MsgSecCheckApi, jsonLogger),
    media: new WechatMediaChecker(openapi, files),
    files,
    phones: new WechatPhoneExchange(openapi),
    cipher: process.env.LINLI_DATA_KEY ? AesGcmCipher.fromEnv(process.env.LINLI_DATA_KEY, process.env.LINLI_DATA_KEYS_RETIRED) : missingKeyCipher,
    notifier: new InboxNotifier(store, systemClock, templates, templateForKind),
    sender: new WechatSubscriptionSender(cloud.openapi as unknown as SubscribeMessageApi, (process.env.LINLI_MP_STATE as 'formal' | 'trial' | 'developer' | undefined) ?? 'formal'),
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
  return app.auth().getUserInfo().openId || null;
}

/**
 * Where the platform says a call came from: SOURCE `wx_client` is the mini-program, whatever
 * the body claims; a message push (the image-check verdict) comes from elsewhere. Without a
 * SOURCE, a call that carries an openid is taken as a client's.
 */
export function platformSource(_context: unknown, openid: string | null): 'client' | 'platform' {
  const source = (cloud.getWXContext() as { SOURCE?: string }).SOURCE;
  if (source) return source === 'wx_client' ? 'client' : 'platform';
  return openid === null ? 'platform' : 'client';
}
