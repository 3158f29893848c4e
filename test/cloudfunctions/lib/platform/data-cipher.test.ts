/** Phone numbers stay readable across a key rotation, and nothing opens under a key not configured. */
import { createCipheriv, randomBytes } from 'node:crypto';
import { AesGcmCipher, parseDataKeys } from '../../../../cloudfunctions/lib/platform/data-cipher';

const OLD = Buffer.alloc(32, 1);
const NEW = Buffer.alloc(32, 2);

/** What the cipher wrote before seals carried a key id: iv.tag.body. */
function legacySeal(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return [iv, c.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

describe('sealing under one key', () => {
  it('opens what it sealed and marks it as under the current key', () => {
    const cipher = new AesGcmCipher(NEW);
    const sealed = cipher.encrypt('13812345678');
    expect(sealed).not.toContain('13812345678');
    expect(cipher.decrypt(sealed)).toBe('13812345678');
    expect(cipher.sealedUnderCurrentKey(sealed)).toBe(true);
  });

  it('opens seals written before key ids existed', () => {
    expect(new AesGcmCipher(NEW).decrypt(legacySeal(NEW, '13900000000'))).toBe('13900000000');
  });
});

describe('after a rotation', () => {
  const sealedUnderOld = new AesGcmCipher(OLD).encrypt('13812345678');
  const rotated = new AesGcmCipher(NEW, [OLD]);

  it('opens seals of the retired key and seals anew under the new one', () => {
    expect(rotated.decrypt(sealedUnderOld)).toBe('13812345678');
    expect(rotated.decrypt(legacySeal(OLD, '13700000000'))).toBe('13700000000');
    expect(rotated.sealedUnderCurrentKey(sealedUnderOld)).toBe(false);
    expect(rotated.sealedUnderCurrentKey(rotated.encrypt('x'))).toBe(true);
  });

  it('refuses, naming the variables, a seal whose key was dropped too early', () => {
    expect(() => new AesGcmCipher(NEW).decrypt(sealedUnderOld)).toThrow(/LINLI_DATA_KEYS_RETIRED/);
    expect(() => new AesGcmCipher(NEW).decrypt(legacySeal(OLD, 'x'))).toThrow(/none of the configured data keys/);
  });
});

describe('the key variables', () => {
  it('take 32-byte base64 keys and name the variable that is wrong', () => {
    const keys = parseDataKeys(NEW.toString('base64'), `${OLD.toString('base64')}, `);
    expect(keys.current.equals(NEW)).toBe(true);
    expect(keys.retired).toHaveLength(1);
    expect(() => parseDataKeys('c2hvcnQ=', undefined)).toThrow(/LINLI_DATA_KEY must be 32 bytes/);
    expect(() => parseDataKeys(NEW.toString('base64'), 'c2hvcnQ=')).toThrow(/LINLI_DATA_KEYS_RETIRED must be 32 bytes/);
  });
});
