import { randomBytes, randomInt } from 'node:crypto';
import type { Clock, IdSource, Logger } from '../ports/platform';

export const systemClock: Clock = { now: () => Date.now() };

export const cryptoIds: IdSource = {
  random(prefix) {
    return `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, '0')}`;
  },
  code(alphabet, length) {
    let out = '';
    for (let i = 0; i < length; i += 1) out += alphabet[randomInt(alphabet.length)];
    return out;
  },
};

/** JSON lines on stdout: CloudBase's log search indexes them by key. */
export const jsonLogger: Logger = {
  info: (line) => console.log(JSON.stringify(line)),
  error: (line) => console.error(JSON.stringify(line)),
};

export const silentLogger: Logger = { info: () => undefined, error: () => undefined };

/** A clock tests and the demo can move. */
export class ManualClock implements Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  set(instant: number): void {
    this.current = instant;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
