import type { Cipher, Clock, ContentChecker, FileUrls, IdSource, Logger, MediaChecker, Notifier, PhoneExchange, SubscriptionSender, Templates } from '../ports/platform';
import type { Store } from '../ports/store';
import type { RateLimits } from './rate-limit';

export interface ServerConfig {
  /** First admins, from LINLI_ADMIN_OPENIDS: openid → community they administer. */
  bootstrapAdmins: ReadonlyMap<string, string>;
  /** Per-caller limits per action; see kernel/rate-limit.ts. */
  rateLimits: RateLimits;
  /** Subscription-message templates configured for this deployment (ids from the MP console). */
  templates: Templates;
  /** The 街道 this deployment serves (LINLI_SUBDISTRICT) and its admins (LINLI_SUBDISTRICT_ADMIN_OPENIDS). */
  subdistrict: { name: string; admins: ReadonlySet<string> };
  /** This mini-program's AppID (LINLI_APPID): platform pushes for any other are refused. */
  appId: string | null;
}

/** Everything a use case may reach outside itself. Adapters are chosen at the entry point. */
export interface Deps {
  store: Store;
  clock: Clock;
  ids: IdSource;
  content: ContentChecker;
  media: MediaChecker;
  files: FileUrls;
  phones: PhoneExchange;
  cipher: Cipher;
  notifier: Notifier;
  /** Pushes subscription messages; only the sweep's outbox sender calls it. */
  sender: SubscriptionSender;
  log: Logger;
  config: ServerConfig;
}

/**
 * `LINLI_ADMIN_OPENIDS="openidA,openidB"` makes them admins of `defaultCommunity`;
 * `community:openid` entries name the community explicitly.
 */
export function parseBootstrapAdmins(raw: string | undefined, defaultCommunity: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [a, b] = entry.split(':');
    if (b) out.set(b, a);
    else out.set(a, defaultCommunity);
  }
  return out;
}

/** `LINLI_SUBDISTRICT_ADMIN_OPENIDS="openidA,openidB"`. */
export function parseOpenids(raw: string | undefined): Set<string> {
  return new Set((raw ?? '').split(',').map((s) => s.trim()).filter(Boolean));
}
