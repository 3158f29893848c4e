/**
 * Helpers shared by the page tests: load a page through the official wcc compiler, render
 * it, fake the backend at the transport seam and read what a resident would see.
 */
import * as path from 'path';
import { setTransport } from '../../miniprogram/services/api';
import { fail, ok, type ActionEvent, type Envelope } from '../../miniprogram/core/envelope';
import type { ContractOutput, ContractParsed } from '../../miniprogram/core/action';
import type { ActionName, Contracts } from '../../miniprogram/core/contracts';
import type { MeView } from '../../miniprogram/core/member/contract';

/**
 * The package's own .d.ts pulls in j-component, which imports an older nested copy of
 * miniprogram-api-typings; merging the two breaks `this` inside every Component() of the
 * app. So the few members used here are typed locally and the module is required untyped.
 */
interface SimNode {
  readonly dom: HTMLElement | undefined;
  readonly instance: unknown;
  querySelector(selector: string): SimNode | undefined | null;
  querySelectorAll(selector: string): SimNode[];
  dispatchEvent(event: string, options?: unknown): void;
}
interface SimRoot extends SimNode {
  attach(parent: Node): void;
  detach(): void;
}
interface Simulate {
  load(path: string, options: { compiler: 'official' | 'simulate'; rootPath: string; compilerOptions?: { maxBuffer?: number } }): string;
  render(id: string, props?: Record<string, unknown>): SimRoot;
  sleep(ms: number): Promise<void>;
}
 
const simulate = require('miniprogram-simulate') as Simulate;

export const ROOT = path.join(__dirname, '../../miniprogram');

/**
 * Loads once per test file: simulate runs the page's module through `require`, and Jest's
 * module cache means a second load of the same path would not call Component() again.
 * That includes components a page uses: load a page and, separately, a component it
 * embeds in the same file, and the second copy renders empty. One page (or component)
 * per test file avoids it.
 */
/**
 * wcc compiles every .wxml of the app in one go and writes it to stdout; past 1 MB (the
 * compiler's default buffer) the spawn fails with ENOBUFS, so the buffer is set well above.
 */
const COMPILE_BUFFER = 32 * 1024 * 1024;

export function loadPage(relPath: string): string {
  return simulate.load(path.join(ROOT, relPath), { compiler: 'official', rootPath: ROOT, compilerOptions: { maxBuffer: COMPILE_BUFFER } });
}

export interface Rendered {
  /** The component instance: page lifecycle methods live in `methods`. */
  instance: Record<string, (...args: unknown[]) => unknown> & { data: Record<string, unknown> };
  text(selector?: string): string;
  exists(selector: string): boolean;
  count(selector: string): number;
  tap(selector: string): Promise<void>;
  input(selector: string, value: string): Promise<void>;
  change(selector: string, value: unknown): Promise<void>;
  trigger(selector: string, event: string, detail?: unknown): Promise<void>;
}

const rendered: SimRoot[] = [];

/** Detaches every page rendered so far, so lifetimes like `detached` run between tests. */
export function cleanup(): void {
  while (rendered.length > 0) rendered.pop()?.detach();
}

// Every test file that renders pages gets a clean slate after each test.
afterEach(cleanup);

/** Lets queued promise chains (call → transport → setData) run to the end. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await simulate.sleep(0);
}

/** `props` sets a component's properties, as the page embedding it would. */
export function render(id: string, props?: Record<string, unknown>): Rendered {
  const comp = simulate.render(id, props);
  comp.attach(document.createElement('parent-wrapper'));
  rendered.push(comp);
  const find = (selector: string) => {
    const el = comp.querySelector(selector);
    if (!el) throw new Error(`no element matches ${selector}`);
    return el;
  };
  const trigger = async (selector: string, event: string, detail?: unknown) => {
    find(selector).dispatchEvent(event, detail === undefined ? undefined : { detail });
    await flush();
  };
  return {
    instance: comp.instance as unknown as Rendered['instance'],
    text(selector?: string) {
      const dom = selector ? find(selector).dom : comp.dom;
      return (dom?.textContent ?? '').replace(/\s+/g, ' ').trim();
    },
    exists: (selector) => !!comp.querySelector(selector),
    count: (selector) => comp.querySelectorAll(selector).length,
    tap: (selector) => trigger(selector, 'tap'),
    input: (selector, value) => trigger(selector, 'input', { value }),
    change: (selector, value) => trigger(selector, 'change', { value }),
    trigger,
  };
}

/** What the server answers to one action, exactly as its contract says. */
export type ReplyEnvelope<K extends ActionName> = Envelope<ContractOutput<Contracts[K]>>;

/**
 * A fake reply to action K, typed against its contract so a fixture cannot drift from what
 * the server sends. A function sees the input as the server would (checked by the shared
 * schema first); it may answer later (a Promise), to hold a request in flight while the test acts.
 */
export type ReplyFn<K extends ActionName = ActionName> = (
  data: ContractParsed<Contracts[K]>,
  event: ActionEvent,
) => ReplyEnvelope<K> | Promise<ReplyEnvelope<K>>;
export type Reply<K extends ActionName = ActionName> = ReplyEnvelope<K> | ReplyFn<K>;

export type Replies = { [K in ActionName]?: Reply<K> };

/**
 * A reply that deliberately breaks the contract (a malformed or legacy answer), said out
 * loud at the one place it is used rather than hidden behind a blanket cast.
 */
export function offContract<K extends ActionName>(_action: K, reply: unknown): ReplyEnvelope<K> {
  return reply as ReplyEnvelope<K>;
}

/**
 * Installs a fake backend: one reply (or a function) per action name. Returns the jest mock
 * so tests can see exactly which events a page sent.
 */
export function fakeBackend(replies: Replies) {
  const send = jest.fn(async (event: ActionEvent): Promise<Envelope<unknown>> => {
    const reply = (replies as Record<string, Reply | undefined>)[event.action];
    if (reply === undefined) return fail('UNKNOWN_ACTION');
    return typeof reply === 'function' ? reply((event.data ?? {}) as never, event) : reply;
  });
  setTransport({ send });
  return send;
}

/** Events sent for one action, in order. */
export function sent(send: ReturnType<typeof fakeBackend>, action: string): ActionEvent[] {
  return send.mock.calls.map((c) => c[0]).filter((e) => e.action === action);
}

/** A member.me answer: a resident with these actions, and whatever else `extra` says. */
export function meReply(allowedActions: ActionName[], extra: Partial<MeView> = {}): ReplyEnvelope<'member.me'> {
  return ok<MeView>({ memberId: 'm1', roles: ['resident'], gridIds: [], allowedActions, ...extra });
}

export const wxMock = (globalThis as unknown as { wx: Record<string, jest.Mock> }).wx;

export { ok, fail, simulate };

/** The address media.urls gives a file id in tests: https, named after the file. */
export const urlOf = (fileId: string): string => `https://tmp.example/${fileId.split('/').pop()}`;

/**
 * A media.urls reply: an address for every asked id except those in `withheld` (photos the
 * server leaves out — not checked yet, or not visible to this caller).
 */
export function mediaUrlsReply(withheld: readonly string[] = []): Reply<'media.urls'> {
  return (data) => {
    const urls: Record<string, string> = {};
    for (const id of data.fileIds) if (!withheld.includes(id)) urls[id] = urlOf(id);
    return ok({ urls });
  };
}
