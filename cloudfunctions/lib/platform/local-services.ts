/**
 * Local equivalents of WeChat-only services (design.md §5): delayed image verdicts, signed
 * URLs served by the gateway, and a phone "exchange" for demo codes.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ContentVerdict, FileUrls, MediaChecker, PhoneExchange } from '../ports/platform';
import { fieldError } from '../../../miniprogram/core/errors';

/** Verdicts arrive after `delayMs`; file names containing "risky" or "review" get those. */
export class LocalMediaChecker implements MediaChecker {
  constructor(private readonly delayMs = 10_000) {}
  async request(): Promise<{ traceId: string }> {
    return { traceId: `local_${randomBytes(8).toString('hex')}` };
  }
  poll({ requestedAt, fileId }: { traceId: string; requestedAt: number; fileId: string }, now: number): ContentVerdict | undefined {
    if (now - requestedAt < this.delayMs) return undefined;
    if (fileId.includes('risky')) return 'risky';
    if (fileId.includes('review')) return 'review';
    return 'pass';
  }
}

/** `local://uploads/<name>` → a gateway URL that works until `exp`, signed so it cannot be forged. */
export class SignedLocalUrls implements FileUrls {
  /** `uploadsDir`: where the gateway keeps uploads; without one (tests) every id counts as uploaded. */
  constructor(
    private readonly baseUrl: string,
    private readonly secret: string,
    private readonly clock: { now(): number },
    private readonly ttlMs = 15 * 60_000,
    private readonly uploadsDir?: string,
  ) {}
  async exists(fileId: string): Promise<boolean> {
    if (!this.uploadsDir) return true;
    const name = fileId.replace(/^local:\/\/uploads\//, '');
    // The schema already refused '..' and slashes; the name is a plain file in the folder.
    return name !== fileId && !name.includes('/') && fs.existsSync(path.join(this.uploadsDir, name));
  }
  sign(name: string, exp: number): string {
    return createHmac('sha256', this.secret).update(`${name}|${exp}`).digest('base64url');
  }
  verify(name: string, exp: number, sig: string): boolean {
    if (!Number.isFinite(exp) || exp < this.clock.now()) return false;
    const want = Buffer.from(this.sign(name, exp));
    const got = Buffer.from(sig);
    return want.length === got.length && timingSafeEqual(want, got);
  }
  async tempUrls(fileIds: string[]): Promise<Record<string, string>> {
    const exp = this.clock.now() + this.ttlMs;
    const out: Record<string, string> = {};
    for (const id of fileIds) {
      const name = id.replace(/^local:\/\/uploads\//, '');
      out[id] = `${this.baseUrl}/uploads/${encodeURIComponent(name)}?exp=${exp}&sig=${this.sign(name, exp)}`;
    }
    return out;
  }
}

/** Demo codes look like `demo-13812345678`; anything else is refused like an expired code. */
export const demoPhoneExchange: PhoneExchange = {
  async exchange(code) {
    const m = /^demo-(1\d{10})$/.exec(code);
    if (!m) throw fieldError('VALIDATION_ERROR', 'code', '手机号授权已失效，请重新获取');
    return m[1];
  },
};
