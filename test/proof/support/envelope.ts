/**
 * What every answer must look like, whatever was sent: one of the two envelope shapes, a
 * stable code, a Chinese message, nothing from inside the server.
 */
import { ERROR_CODES } from '../../../miniprogram/core/errors';
import type { ActionDescription } from '../../../miniprogram/core/meta/contract';
import type { Harness } from '../../support/harness';

export type AnyEnvelope = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string; details?: unknown } };

const CHINESE = /[\u4e00-\u9fa5]/;
/** Text that only an exception, a stack or a driver would produce. */
const INTERNALS = /SQLITE|Sqlite|TypeError|ReferenceError|RangeError|SyntaxError|undefined is not|Cannot read|is not a function|\bat \S+ \(|\/work\/|node_modules|\.ts:\d+/;

/** Returns what is wrong with `res` as an envelope, or null when it is well formed. */
export function envelopeProblem(res: unknown): string | null {
  if (typeof res !== 'object' || res === null || Array.isArray(res)) return `not an object: ${typeof res}`;
  const r = res as Record<string, unknown>;
  if (r.ok === true) {
    const extra = Object.keys(r).filter((k) => k !== 'ok' && k !== 'data');
    if (!('data' in r)) return 'ok:true without data';
    if (extra.length) return `ok:true with extra keys ${extra.join(',')}`;
    return null;
  }
  if (r.ok !== false) return `ok is ${JSON.stringify(r.ok)}`;
  const extra = Object.keys(r).filter((k) => k !== 'ok' && k !== 'error');
  if (extra.length) return `ok:false with extra keys ${extra.join(',')}`;
  const e = r.error as Record<string, unknown> | undefined;
  if (typeof e !== 'object' || e === null) return 'ok:false without error object';
  const ekeys = Object.keys(e).filter((k) => !['code', 'message', 'details'].includes(k));
  if (ekeys.length) return `error with extra keys ${ekeys.join(',')}`;
  if (typeof e.code !== 'string' || !(ERROR_CODES as readonly string[]).includes(e.code)) return `unknown code ${JSON.stringify(e.code)}`;
  if (e.code === 'NETWORK_ERROR') return 'NETWORK_ERROR is a device-only code';
  if (typeof e.message !== 'string' || !CHINESE.test(e.message)) return `message not Chinese: ${JSON.stringify(e.message)}`;
  if (INTERNALS.test(e.message)) return `message leaks internals: ${e.message}`;
  if (e.details !== undefined && INTERNALS.test(JSON.stringify(e.details))) return `details leak internals: ${JSON.stringify(e.details).slice(0, 200)}`;
  return null;
}

export function codeOf(res: AnyEnvelope): string {
  return res.ok ? 'OK' : res.error.code;
}

/** The catalogue, fetched the way a client does: through the api, as nobody in particular. */
export async function describeActions(h: Harness): Promise<Map<string, ActionDescription>> {
  const res = await h.ok<{ actions: ActionDescription[] }>(null, 'meta.describe', {});
  return new Map(res.actions.map((a) => [a.name, a]));
}

/** Shortens a value for a failure message. */
export function show(value: unknown, max = 600): string {
  let text: string;
  try {
    text = JSON.stringify(value, (_k, v) => (typeof v === 'string' && v.length > 120 ? `${v.slice(0, 60)}…(${v.length} chars)` : v));
  } catch {
    text = String(value);
  }
  if (text === undefined) text = String(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
