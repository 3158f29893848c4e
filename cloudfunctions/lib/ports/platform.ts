/**
 * Ports for everything the domain needs from the platform besides the store. Production
 * adapters wrap CloudBase/WeChat; local ones run on one machine (design.md §5).
 */
import type { TemplateKey } from '../../../miniprogram/core/notify/contract';

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

/**
 * Every kind of message with how it may be pushed, filled by each feature's `notices.ts`
 * (declaration merging): a kind no feature declares does not compile.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface NoticeKinds {}
export type NoticeKind = keyof NoticeKinds & string;

export interface Notification {
  /** Deterministic id: the same event never yields two messages. */
  id: string;
  communityId: string;
  recipientId: string;
  kind: NoticeKind;
  title: string;
  body: string;
  /** Mini-program page the message opens. */
  page?: string;
}

export interface Notifier {
  notify(message: Notification): Promise<void>;
}

/** One WeChat subscription message, as the sender port takes it. */
export interface SubscriptionMessage {
  openid: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  /** The outbox message id: a sender that can dedupe must, so a resend after a crash is one message. */
  idempotencyKey: string;
}

/**
 * Sends subscription messages. `refused` means WeChat says the person has no consent left
 * for that template (errcode 43101): the message stays in the inbox only. Anything else
 * thrown is transient and retried.
 */
export interface SubscriptionSender {
  send(message: SubscriptionMessage): Promise<'sent' | 'refused'>;
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

/**
 * Image checks are asynchronous on WeChat (mediaCheckAsync): the request returns a trace
 * id and the verdict arrives later (a push in production, the sweep locally).
 */
export interface MediaChecker {
  request(input: { fileId: string; openid: string }): Promise<{ traceId: string }>;
  /** Local checkers decide when polled by the sweep; production has none (the push decides). */
  poll?(pending: { traceId: string; requestedAt: number; fileId: string }, now: number): ContentVerdict | undefined;
}

/** Turns stored file ids into short-lived URLs a page can show. */
export interface FileUrls {
  tempUrls(fileIds: string[]): Promise<Record<string, string>>;
  /** Whether the file was really uploaded: an id alone proves nothing. */
  exists(fileId: string): Promise<boolean>;
}

/** Exchanges a getPhoneNumber code for the number (WeChat phonenumber.getPhoneNumber). */
export interface PhoneExchange {
  exchange(code: string): Promise<string>;
}

/** Symmetric encryption for personal data at rest (phone numbers). */
export interface Cipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

/** A subscription template as configured in the MP console: its id and which field shows what. */
export interface TemplateConfig {
  id: string;
  fields: Record<string, 'title' | 'body' | 'time'>;
}
export type Templates = Partial<Record<TemplateKey, TemplateConfig>>;
