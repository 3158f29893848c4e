/**
 * Subscription-message consent at the tap that creates something. WeChat shows its
 * subscribe panel only when `wx.requestSubscribeMessage` runs inside a user's tap, and each
 * "允许" lets the server send one message. So a page fetches the template ids when it opens
 * (an await inside the tap would lose the tap), asks in the submit tap before anything
 * else, and reports the answers to the server without ever holding up the submit.
 */
import type { Envelope } from '../core/envelope';
import {
  recordConsent,
  templatesFor,
  type ConsentMoment,
  type TemplateKey,
  type TemplateRequest,
} from '../core/notify/contract';
import { call } from './api';

export type ConsentAnswer = 'accept' | 'reject' | 'ban' | 'filter';
export type ConsentResults = Partial<Record<TemplateKey, ConsentAnswer>>;

/** The slice of wx used here. */
export interface ConsentWx {
  requestSubscribeMessage?: (options: {
    tmplIds: string[];
    success?: (res: Record<string, string>) => void;
    fail?: (err: { errMsg?: string; errCode?: number }) => void;
  }) => unknown;
}

/** WeChat's panel takes a few ids per call (3 in older clients); the product asks for at most 2. */
export const MAX_TEMPLATES_PER_ASK = 3;
/** The submit goes on after this even if WeChat never answers (it always should). */
export const CONSENT_WAIT_MS = 30_000;

const ANSWERS: readonly string[] = ['accept', 'reject', 'ban', 'filter'];

/** Reads the templates for a moment; [] when none are configured or the call fails. Never rejects. */
export async function loadTemplates(
  moment: ConsentMoment,
  fetch: (moment: ConsentMoment) => Promise<Envelope<{ templates: TemplateRequest[] }>> = (m) => call(templatesFor, { moment: m }),
): Promise<TemplateRequest[]> {
  try {
    const res = await fetch(moment);
    if (!res.ok || !Array.isArray(res.data.templates)) return [];
    return res.data.templates.filter((t) => !!t && typeof t.templateId === 'string' && t.templateId !== '').slice(0, MAX_TEMPLATES_PER_ASK);
  } catch {
    return [];
  }
}

/** WeChat answers per template id; the server keeps balances per template key. */
export function consentResults(templates: readonly TemplateRequest[], res: Record<string, unknown> | undefined): ConsentResults {
  const out: ConsentResults = {};
  for (const t of templates) {
    const answer = res?.[t.templateId];
    if (typeof answer === 'string' && ANSWERS.includes(answer)) out[t.key] = answer as ConsentAnswer;
  }
  return out;
}

/**
 * Call synchronously at the start of a tap handler, before any await. Opens WeChat's
 * panel for `templates` (nothing when there are none), sends the answers to the server in
 * the background, and resolves once the resident has answered, the API failed, or
 * CONSENT_WAIT_MS passed. It never rejects, and what the resident chose never stops the
 * action that follows.
 */
export function askConsent(
  w: ConsentWx | undefined,
  templates: readonly TemplateRequest[],
  record: (results: ConsentResults) => Promise<unknown> = (results) => call(recordConsent, { results }),
  waitMs: number = CONSENT_WAIT_MS,
): Promise<void> {
  if (templates.length === 0 || !w || typeof w.requestSubscribeMessage !== 'function') return Promise.resolve();
  return new Promise<void>((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      resolve();
    };
    try {
      w.requestSubscribeMessage!({
        tmplIds: templates.map((t) => t.templateId),
        success: (res) => {
          const results = consentResults(templates, res);
          if (Object.keys(results).length > 0) {
            // Fire and forget: a lost record costs one notification, never the action.
            Promise.resolve()
              .then(() => record(results))
              .catch(() => undefined);
          }
          done();
        },
        fail: done,
      });
    } catch {
      done();
      return;
    }
    if (!settled) timer = setTimeout(done, waitMs);
  });
}
