/**
 * Wiring for one machine (design.md §5): SQLite under .data/, a word-list content checker,
 * the in-app inbox as outbox, and a clock the demo can move forward.
 */
import type { Clock } from '../cloudfunctions/lib/ports/platform';
import type { Deps } from '../cloudfunctions/lib/kernel/deps';
import { parseBootstrapAdmins, parseOpenids } from '../cloudfunctions/lib/kernel/deps';
import { parseRateLimits } from '../cloudfunctions/lib/kernel/rate-limit';
import os from 'node:os';
import path from 'node:path';
import { DEMO_TEMPLATES } from '../cloudfunctions/lib/features/notify/templates';
import { InboxNotifier } from '../cloudfunctions/lib/features/notify/inbox-notifier';
import { demoPhoneExchange, LocalMediaChecker, SignedLocalUrls } from '../cloudfunctions/lib/platform/local-services';
import { AesGcmCipher } from '../cloudfunctions/lib/platform/data-cipher';
import { FileSubscriptionSender } from '../cloudfunctions/lib/platform/subscription-senders';
import { cryptoIds, jsonLogger, silentLogger } from '../cloudfunctions/lib/platform/system';
import { DEMO_WORD_LISTS, WordListChecker } from '../cloudfunctions/lib/platform/word-list-checker';
import { SqliteStore } from '../cloudfunctions/lib/store/sqlite-store';
import { COLLECTIONS, DEFAULT_RATE_LIMITS, templateForKind } from '../cloudfunctions/lib/manifests';

/** System time plus an offset the gateway's /_dev/clock endpoint can grow. */
export class OffsetClock implements Clock {
  offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
}

export const DEMO_COMMUNITY = 'demo';
/** The demo's 街道: 幸福里社区 and 长青社区 belong to it. */
export const DEMO_SUBDISTRICT = '和平街道';
/** The AppID local image-check pushes must name (LINLI_APPID overrides). */
export const DEMO_APP_ID = 'wxlinlidemo0000000';

function outboxBeside(filename: string): string {
  return filename === ':memory:' ? path.join(os.tmpdir(), `linli-outbox-${process.pid}.jsonl`) : path.join(path.dirname(path.resolve(filename)), 'outbox.jsonl');
}

export interface LocalDeps extends Deps {
  store: SqliteStore;
  files: SignedLocalUrls;
}

export function localDeps(options: { filename: string; clock?: Clock; quiet?: boolean; outboxFile?: string; baseUrl?: string; uploadsDir?: string }): LocalDeps {
  const store = new SqliteStore({ filename: options.filename, collections: COLLECTIONS });
  const clock = options.clock ?? new OffsetClock();
  return {
    store,
    clock,
    ids: cryptoIds,
    content: new WordListChecker(DEMO_WORD_LISTS),
    media: new LocalMediaChecker(Number(process.env.LINLI_MEDIA_DELAY_MS ?? 10_000)),
    files: new SignedLocalUrls(options.baseUrl ?? `http://127.0.0.1:${process.env.PORT ?? 8787}`, process.env.LINLI_URL_SECRET ?? 'linli-local-url-secret', clock, undefined, options.uploadsDir),
    phones: demoPhoneExchange,
    cipher: AesGcmCipher.development('linli-local-dev-key'),
    notifier: new InboxNotifier(store, clock, DEMO_TEMPLATES, templateForKind),
    // Pushed subscription messages land next to the database, one JSON line each.
    sender: new FileSubscriptionSender(options.outboxFile ?? outboxBeside(options.filename)),
    log: options.quiet ? silentLogger : jsonLogger,
    config: {
      bootstrapAdmins: parseBootstrapAdmins(process.env.LINLI_ADMIN_OPENIDS ?? 'demo-admin', DEMO_COMMUNITY),
      subdistrict: { name: process.env.LINLI_SUBDISTRICT ?? DEMO_SUBDISTRICT, admins: parseOpenids(process.env.LINLI_SUBDISTRICT_ADMIN_OPENIDS ?? 'demo-subdistrict') },
      rateLimits: parseRateLimits(process.env.LINLI_RATE_LIMITS, DEFAULT_RATE_LIMITS),
      templates: DEMO_TEMPLATES,
      appId: process.env.LINLI_APPID ?? DEMO_APP_ID,
    },
  };
}
