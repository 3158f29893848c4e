/**
 * A page runtime outside Jest: a jsdom window as the global scope, miniprogram-simulate on
 * top of it, the official wcc compiler for WXML, and a `wx` whose side effects (navigation,
 * toasts, modals) do nothing. Mirrors test/miniprogram/setup.ts without jest.fn.
 *
 * Two things differ from the tests, both needed for pictures:
 * - built-in components are re-registered with the properties a picture needs (an image's
 *   src, an input's value and placeholder, a switch's checked, `hidden` on all), reflected
 *   onto the DOM as `data-wx-*` attributes, since simulate registers them bare and drops them;
 * - every page load starts from a fresh copy of the miniprogram's modules, so module-level
 *   state (a cached member, a draft) never leaks from one rendering into the next.
 */
import { createRequire } from 'module';
import * as path from 'path';
import { JSDOM } from 'jsdom';
import type { Transport } from '../miniprogram/services/transport';
import { convertRpx } from './wxss';
export { ROOT };

import { ROOT } from './paths';

interface SimNode {
  readonly dom: HTMLElement | undefined;
  readonly instance: unknown;
  querySelector(selector: string): SimNode | undefined | null;
  dispatchEvent(event: string, options?: unknown): void;
}
export interface SimRoot extends SimNode {
  attach(parent: Node): void;
  detach(): void;
}
interface Simulate {
  load(path: string, options: { compiler: 'official' | 'simulate'; rootPath: string; compilerOptions?: { maxBuffer?: number } }): string;
  render(id: string, props?: Record<string, unknown>): SimRoot;
  sleep(ms: number): Promise<void>;
}
interface JComponent {
  register(definition: Record<string, unknown>): void;
}

type Host = typeof globalThis & Record<string, unknown>;

// Node's own require (the app's typings declare a WeChat `require` without resolve/cache).
const nodeRequire = createRequire(__filename);

/** Property names of the built-in components that change what a picture shows. */
export const BUILTIN_PROPS: Record<string, string[]> = {
  image: ['src', 'mode'],
  input: ['value', 'placeholder', 'type', 'password', 'disabled', 'maxlength'],
  textarea: ['value', 'placeholder', 'disabled', 'maxlength'],
  button: ['type', 'size', 'plain', 'disabled', 'loading'],
  switch: ['checked', 'disabled', 'color'],
  checkbox: ['checked', 'disabled', 'value', 'color'],
  radio: ['checked', 'disabled', 'value', 'color'],
  icon: ['type', 'size', 'color'],
  progress: ['percent', 'show-info', 'active-color'],
  slider: ['value', 'min', 'max', 'show-value'],
  'rich-text': ['nodes'],
  picker: ['mode', 'value', 'range', 'disabled'],
  navigator: ['url', 'open-type'],
  'scroll-view': ['scroll-x', 'scroll-y'],
  text: ['space', 'decode', 'user-select'],
};

const BOOLEAN_PROPS = new Set(['password', 'disabled', 'plain', 'loading', 'checked', 'show-info', 'show-value', 'scroll-x', 'scroll-y', 'decode', 'user-select', 'hidden']);
const camel = (s: string) => s.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

let simulate: Simulate | undefined;
let storage = new Map<string, unknown>();

function installWindow(): void {
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { url: 'http://localhost/', pretendToBeVisual: true });
  const host = globalThis as Host;
  const win = dom.window as unknown as Record<string, unknown>;
  // Node has its own Event classes; the DOM's listeners only accept jsdom's.
  const domOwned = new Set(['Event', 'EventTarget', 'CustomEvent', 'MessageEvent', 'DOMException']);
  for (const key of Object.getOwnPropertyNames(win)) {
    if (key in host && !domOwned.has(key)) continue;
    Object.defineProperty(host, key, { configurable: true, get: () => win[key] });
  }
  // `window` and `document` are among the window's own properties, so they are set above.
}

function registerBuiltins(): void {
  const jc = nodeRequire('j-component') as JComponent;
  for (const [tag, props] of Object.entries(BUILTIN_PROPS)) {
    const properties: Record<string, unknown> = { hidden: { type: Boolean, value: false } };
    for (const p of props) properties[camel(p)] = BOOLEAN_PROPS.has(p) ? { type: Boolean, value: false } : { type: null, value: null };
    const names = ['hidden', ...props];
    jc.register({
      id: tag,
      tagName: `wx-${tag}`,
      template: '<slot/>',
      properties,
      observers: {
        '**'(this: { data: Record<string, unknown>; $$?: HTMLElement }) {
          reflect(this.$$, this.data, names);
        },
      },
      lifetimes: {
        attached(this: { data: Record<string, unknown>; $$?: HTMLElement }) {
          reflect(this.$$, this.data, names);
        },
      },
    });
  }
  // The rest only need `hidden`.
  for (const tag of ['view', 'label', 'form', 'swiper', 'swiper-item', 'checkbox-group', 'radio-group', 'cover-view']) {
    jc.register({
      id: tag,
      tagName: `wx-${tag}`,
      template: '<slot/>',
      properties: { hidden: { type: Boolean, value: false } },
      observers: {
        hidden(this: { data: Record<string, unknown>; $$?: HTMLElement }) {
          reflect(this.$$, this.data, ['hidden']);
        },
      },
    });
  }
}

function reflect(el: HTMLElement | undefined, data: Record<string, unknown>, names: string[]): void {
  if (!el) return;
  for (const name of names) {
    const v = data[camel(name)];
    const attr = `data-wx-${name}`;
    if (v === undefined || v === null || v === false || v === '') el.removeAttribute(attr);
    else el.setAttribute(attr, typeof v === 'string' ? v : JSON.stringify(v));
  }
}

function installWx(): void {
  const host = globalThis as Host;
  const wx = host.wx as Record<string, unknown>;
  const noop = () => undefined;
  const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
  Object.assign(wx, {
    cloud: { callFunction: noop, init: noop },
    getStorageSync: (key: string) => (storage.has(key) ? clone(storage.get(key)) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, clone(value)),
    removeStorageSync: (key: string) => void storage.delete(key),
    clearStorageSync: () => storage.clear(),
    navigateTo: noop,
    redirectTo: noop,
    switchTab: noop,
    navigateBack: noop,
    showToast: noop,
    hideToast: noop,
    showLoading: noop,
    hideLoading: noop,
    // A modal nobody answers: the picture shows the page behind it, unchanged.
    showModal: noop,
    stopPullDownRefresh: noop,
    openPrivacyContract: noop,
    getPrivacySetting: (opts: { success?: (r: { needAuthorization: boolean }) => void }) => opts.success?.({ needAuthorization: false }),
    onNeedPrivacyAuthorization: noop,
    previewImage: noop,
    chooseMedia: (opts: { fail?: (e: { errMsg: string }) => void }) => opts.fail?.({ errMsg: 'chooseMedia:fail cancel' }),
    makePhoneCall: noop,
    setClipboardData: noop,
    setTabBarBadge: noop,
    removeTabBarBadge: noop,
    requestSubscribeMessage: (opts: { fail?: (e: { errMsg: string }) => void }) => opts.fail?.({ errMsg: 'requestSubscribeMessage:fail cancel' }),
  });
  host.Page = (options: unknown) => (host.Component as (o: unknown) => void)(options);
  host.getApp = () => ({ globalData: {} });
}

/** Installs the runtime once per process. */
export function installRuntime(): Simulate {
  if (simulate) return simulate;
  installWindow();
  simulate = nodeRequire('miniprogram-simulate') as Simulate;
  // simulate requires a page by its extensionless path, which Node resolves to index.json
  // before tsx gets to index.ts. Resolve the .ts explicitly (runJs is looked up per call).
  const utils = nodeRequire('miniprogram-simulate/src/utils') as { runJs: (file: string) => void };
  utils.runJs = (file: string) => {
    const resolved = nodeRequire.resolve(`${file}.ts`);
    nodeRequire(resolved);
    delete nodeRequire.cache[resolved];
  };
  // Inline styles: simulate turns 1rpx into 1px; a 375 px screen has 1rpx = 0.5px.
  const jutils = nodeRequire('j-component/src/tool/utils') as { transformRpx: (style: string) => string };
  jutils.transformRpx = (style: string) => convertRpx(style);
  registerBuiltins();
  installWx();
  return simulate;
}

/** Forgets every miniprogram module Node has loaded, and the fake storage. */
function freshModules(): void {
  for (const key of Object.keys(nodeRequire.cache)) if (key.startsWith(ROOT + path.sep)) delete nodeRequire.cache[key];
  storage = new Map();
}

/**
 * Loads a page (or component) from a clean slate with `transport` as its backend and
 * renders it attached to a detached wrapper.
 */
export function renderFresh(relPath: string, transport: Transport): SimRoot {
  const sim = installRuntime();
  freshModules();
  (nodeRequire(path.join(ROOT, 'services/api.ts')) as { setTransport(t: Transport): void }).setTransport(transport);
  // wcc writes every page's compiled WXML to stdout at once: past its 1 MB default buffer it fails.
  const id = sim.load(path.join(ROOT, relPath), { compiler: 'official', rootPath: ROOT, compilerOptions: { maxBuffer: 32 * 1024 * 1024 } });
  const comp = sim.render(id);
  comp.attach(document.createElement('parent-wrapper'));
  return comp;
}

/** Lets queued promise chains and short timers run to the end. */
export async function settle(): Promise<void> {
  const sim = installRuntime();
  for (let i = 0; i < 20; i++) await sim.sleep(0);
  await sim.sleep(30);
  for (let i = 0; i < 20; i++) await sim.sleep(0);
}
