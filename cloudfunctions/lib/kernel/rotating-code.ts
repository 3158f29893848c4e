/**
 * A rotating 6-digit code, derived and never stored: HMAC of a record's secret over
 * (scope, period). A code is accepted in its own period and the next only, so what a
 * screenshot shows stops working within two periods (≤ 60 s); a code of another scope
 * (another shift, another meeting) never matches. Activities' check-in and meetings' sign-in
 * both use it; each says in its own words what a refused code means.
 */
import { createHmac } from 'node:crypto';

export const PERIOD_SECONDS = 30;
export const PERIOD = PERIOD_SECONDS * 1000;

export const periodOf = (now: number) => Math.floor(now / PERIOD);

/** When the code of `now`'s period gives way to the next. */
export const changesAt = (now: number) => (periodOf(now) + 1) * PERIOD;

export function codeFor(secret: string, scope: string, period: number): string {
  const mac = createHmac('sha256', secret).update(`${scope}:${period}`).digest();
  return String(mac.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

/** 'ok' for this period's or the previous one's code, 'expired' for one of the last hour, else 'wrong'. */
export function checkCode(secret: string, scope: string, code: string, now: number): 'ok' | 'expired' | 'wrong' {
  const p = periodOf(now);
  if (code === codeFor(secret, scope, p) || code === codeFor(secret, scope, p - 1)) return 'ok';
  for (let back = 2; back <= 120; back += 1) if (code === codeFor(secret, scope, p - back)) return 'expired';
  return 'wrong';
}
