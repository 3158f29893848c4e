/**
 * Ports for everything the domain needs from the platform besides the store. Production
 * adapters wrap CloudBase/WeChat; local ones run on one machine (design.md §5).
 */

export interface Clock {
  /** Milliseconds since the epoch (a UTC instant). */
  now(): number;
}

export interface IdSource {
  /** A fresh random id with a readable prefix, e.g. `br_k3j9...`. */
  random(prefix: string): string;
  /** A random code from the given alphabet (for invites printed on paper). */
  code(alphabet: string, length: number): string;
}

export type ContentVerdict = 'pass' | 'review' | 'risky';

export interface ContentChecker {
  /** Verdict for text a person wrote; `openid` is the author (WeChat requires it). */
  checkText(input: { text: string; openid: string; scene: 'comment' | 'profile' | 'forum' }): Promise<ContentVerdict>;
}

export interface Notification {
  /** Deterministic id: the same event never yields two messages. */
  id: string;
  communityId: string;
  recipientId: string;
  kind: string;
  title: string;
  body: string;
  /** Mini-program page the message opens. */
  page?: string;
}

export interface Notifier {
  notify(message: Notification): Promise<void>;
}

/** One structured line per call; never personal data. */
export interface LogLine {
  action: string;
  role: string;
  code: string;
  ms: number;
  [extra: string]: unknown;
}

export interface Logger {
  info(line: LogLine | Record<string, unknown>): void;
  error(line: Record<string, unknown>): void;
}
