/**
 * Personal data at rest (phone numbers) under AES-256-GCM with 32-byte keys. Sealed text is
 * `keyId.iv.tag.ciphertext` (base64url), the key id being a digest of the key, so a key can
 * be rotated: the new one seals, retired ones still open what they sealed until
 * `npm run reseal` has moved everything to the new key. Text sealed before key ids existed
 * (`iv.tag.ciphertext`) is opened by trying each key; GCM's tag tells the right one.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Cipher } from '../ports/platform';

const KEY_BYTES = 32;

function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest().subarray(0, 6).toString('base64url');
}

function decodeKey(text: string, name: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${name} must be ${KEY_BYTES} bytes in base64 (openssl rand -base64 32), got ${key.length}`);
  return key;
}

/** `LINLI_DATA_KEY` and the comma-separated `LINLI_DATA_KEYS_RETIRED`. */
export function parseDataKeys(current: string, retired: string | undefined): { current: Buffer; retired: Buffer[] } {
  return {
    current: decodeKey(current, 'LINLI_DATA_KEY'),
    retired: (retired ?? '').split(',').filter((s) => s.trim()).map((s) => decodeKey(s, 'LINLI_DATA_KEYS_RETIRED')),
  };
}

export class AesGcmCipher implements Cipher {
  private readonly currentId: string;
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly key: Buffer, retired: readonly Buffer[] = []) {
    if (key.length !== KEY_BYTES) throw new Error('data key must be 32 bytes');
    this.currentId = keyId(key);
    this.byId = new Map([key, ...retired].map((k) => [keyId(k), k]));
  }

  /** A fixed key derived from a label: for local runs and tests only. */
  static development(label: string): AesGcmCipher {
    return new AesGcmCipher(createHash('sha256').update(label).digest());
  }

  static fromEnv(current: string, retired: string | undefined): AesGcmCipher {
    const keys = parseDataKeys(current, retired);
    return new AesGcmCipher(keys.current, keys.retired);
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return [this.currentId, ...[iv, c.getAuthTag(), body].map((b) => b.toString('base64url'))].join('.');
  }

  decrypt(sealed: string): string {
    const parts = sealed.split('.');
    if (parts.length === 4) {
      const key = this.byId.get(parts[0]);
      if (!key) throw new Error(`sealed under key ${parts[0]}, which is neither LINLI_DATA_KEY nor in LINLI_DATA_KEYS_RETIRED`);
      return open(key, parts.slice(1));
    }
    for (const key of this.byId.values()) {
      try {
        return open(key, parts);
      } catch {
        // not this key: GCM's tag did not verify
      }
    }
    throw new Error('sealed text opens under none of the configured data keys');
  }

  /** Whether `sealed` is already under the current key (what `npm run reseal` skips). */
  sealedUnderCurrentKey(sealed: string): boolean {
    return sealed.split('.').length === 4 && sealed.startsWith(`${this.currentId}.`);
  }
}

function open(key: Buffer, [iv, tag, body]: string[]): string {
  const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  d.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8');
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
