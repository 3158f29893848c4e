/**
 * The phone's own check-in key: random, made once and kept in storage, so the server can
 * tell one phone from another (one phone never checks in two people) without any id of the
 * person or the device. Never shown; the server keeps only its hash.
 */
const STORAGE_KEY = 'linli.deviceKey';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomKey(): string {
  let out = '';
  for (let i = 0; i < 32; i += 1) out += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return out;
}

export function deviceKey(): string {
  const kept: unknown = wx.getStorageSync(STORAGE_KEY);
  if (typeof kept === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(kept)) return kept;
  const key = randomKey();
  wx.setStorageSync(STORAGE_KEY, key);
  return key;
}
