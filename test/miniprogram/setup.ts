/**
 * Runs before each page/component test file (jsdom project). miniprogram-simulate installs
 * `Component`, `Behavior` and a canned `wx`; what it lacks or stubs as no-ops for Linli's
 * pages is added here so tests can observe it.
 */
 
require('miniprogram-simulate');

type Host = typeof globalThis & {
  wx: Record<string, unknown>;
  Page?: (options: unknown) => void;
  Component: (options: unknown) => void;
  getApp?: () => unknown;
};
const host = globalThis as Host;

// simulate's storage API returns '' for everything; drafts need a real round trip.
const storage = new Map<string, unknown>();
const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

Object.assign(host.wx, {
  cloud: { callFunction: jest.fn(), init: jest.fn() },
  getStorageSync: jest.fn((key: string) => (storage.has(key) ? clone(storage.get(key)) : '')),
  setStorageSync: jest.fn((key: string, value: unknown) => {
    storage.set(key, clone(value));
  }),
  removeStorageSync: jest.fn((key: string) => {
    storage.delete(key);
  }),
  clearStorageSync: jest.fn(() => storage.clear()),
  navigateTo: jest.fn(),
  redirectTo: jest.fn(),
  switchTab: jest.fn(),
  navigateBack: jest.fn(),
  showToast: jest.fn(),
  showModal: jest.fn((opts: { success?: (r: { confirm: boolean; cancel: boolean }) => void }) => {
    opts.success?.({ confirm: true, cancel: false });
  }),
  stopPullDownRefresh: jest.fn(),
  openPrivacyContract: jest.fn(),
  previewImage: jest.fn(),
  // Tests that pick photos give their own implementation; by default the resident cancels.
  chooseMedia: jest.fn((opts: { fail?: (e: { errMsg: string }) => void }) => opts.fail?.({ errMsg: 'chooseMedia:fail cancel' })),
  makePhoneCall: jest.fn(),
  setClipboardData: jest.fn(),
  setTabBarBadge: jest.fn(),
  removeTabBarBadge: jest.fn(),
  // Answers at once, as a closed panel would; tests that care give their own answer.
  requestSubscribeMessage: jest.fn((opts: { fail?: (e: { errMsg: string }) => void }) => opts.fail?.({ errMsg: 'requestSubscribeMessage:fail cancel' })),
});

// Pages are written with Component(); a stray Page() should still load in tests.
host.Page = (options) => host.Component(options);
host.getApp = () => ({ globalData: {} });

// On the device the QR encoder is fetched from its own subpackage with require.async; here
// it comes from node_modules, at once.
(require('../../miniprogram/services/certificate-image') as typeof import('../../miniprogram/services/certificate-image')).setQrEncoder(require('qrcode-generator'));
