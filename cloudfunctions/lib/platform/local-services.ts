/**
 * Local equivalents of WeChat-only services (design.md §5): delayed image verdicts, signed
 * URLs served by the gateway, a phone "exchange" for demo codes, and a development key.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Cipher, ContentVerdict, FileUrls, MediaChecker, PhoneExchange } from '../ports/platform';
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
  constructor(private readonly baseUrl: string, private readonly secret: string, private readonly clock: { now(): number }, private readonly ttlMs = 15 * 60_000) {}
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

/** AES-256-GCM; the key is 32 bytes. Sealed text is iv.tag.ciphertext in base64url. */
export class AesGcmCipher implements Cipher {
  private readonly key: Buffer;
  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('data key must be 32 bytes');
    this.key = key;
  }
  /** A fixed key derived from a label: for local runs and tests only. */
  static development(label: string): AesGcmCipher {
    return new AesGcmCipher(createHash('sha256').update(label).digest());
  }
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return [iv, c.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
  }
  decrypt(sealed: string): string {
    const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
    const d = createDecipheriv('aes-256-gcm', this.key, iv);
    d.setAuthTag(tag);
    return Buffer.concat([d.update(body), d.final()]).toString('utf8');
  }
}

/** Production without LINLI_DATA_KEY: refuses to store personal data rather than storing it weakly. */
export const missingKeyCipher: Cipher = {
  encrypt() {
    throw new Error('LINLI_DATA_KEY is not set: personal data cannot be stored');
  },
  decrypt() {
    throw new Error('LINLI_DATA_KEY is not set: personal data cannot be read');
  },
};
