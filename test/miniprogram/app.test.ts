/**
 * The App() registration: cloud init in cloud mode and the privacy listener. App is not
 * provided by miniprogram-simulate, so the test captures the options it is given.
 */
import type { AppConfig } from '../../miniprogram/config';

type AppOptions = { onLaunch(): void; onShow(): void; globalData: Record<string, unknown> };

function loadApp(mode: AppConfig['mode']) {
  let registered: AppOptions | undefined;
  jest.isolateModules(() => {
    jest.doMock('../../miniprogram/config', () => ({
      config: { mode, cloudEnv: 'linli-test-env', localBaseUrl: 'http://127.0.0.1:8787', localOpenid: 'demo' },
    }));
    (globalThis as unknown as { App: (o: AppOptions) => void }).App = (o) => {
      registered = o;
    };
    require('../../miniprogram/app');
  });
  if (!registered) throw new Error('app.ts did not call App()');
  return registered;
}

const w = (globalThis as unknown as { wx: Record<string, unknown> & { cloud: { init: jest.Mock } } }).wx;

beforeEach(() => {
  jest.clearAllMocks();
  delete w.onNeedPrivacyAuthorization;
});

describe('launching in cloud mode', () => {
  it('initialises wx.cloud with the configured environment and no user tracing', () => {
    loadApp('cloud').onLaunch();
    expect(w.cloud.init).toHaveBeenCalledWith({ env: 'linli-test-env', traceUser: false });
  });
});

describe('launching in local mode', () => {
  it('leaves wx.cloud alone', () => {
    loadApp('local').onLaunch();
    expect(w.cloud.init).not.toHaveBeenCalled();
  });
});

describe('the base library supports privacy authorization', () => {
  it('parks WeChat’s resolve where the popup can answer it', () => {
    const on = jest.fn();
    w.onNeedPrivacyAuthorization = on;
    let privacy: typeof import('../../miniprogram/services/privacy') | undefined;
    let app: AppOptions | undefined;
    jest.isolateModules(() => {
      (globalThis as unknown as { App: (o: AppOptions) => void }).App = (o) => {
        app = o;
      };
      require('../../miniprogram/app');
      privacy = require('../../miniprogram/services/privacy');
    });
    app!.onLaunch();
    expect(on).toHaveBeenCalledTimes(1);

    const resolve = jest.fn();
    on.mock.calls[0][0](resolve);
    expect(privacy!.isPending()).toBe(true);
    privacy!.agree('agree-btn');
    expect(resolve).toHaveBeenCalledWith({ event: 'agree', buttonId: 'agree-btn' });
  });
});

describe('an old base library without the privacy API', () => {
  it('still launches', () => {
    expect(() => loadApp('local').onLaunch()).not.toThrow();
  });
});

describe('the app comes to the front', () => {
  it('puts the unread count on the 我的 tab', async () => {
    const wx = w as unknown as Record<string, jest.Mock>;
    wx.setTabBarBadge = jest.fn();
    let app: AppOptions | undefined;
    let api: typeof import('../../miniprogram/services/api') | undefined;
    jest.isolateModules(() => {
      (globalThis as unknown as { App: (o: AppOptions) => void }).App = (o) => {
        app = o;
      };
      require('../../miniprogram/app');
      api = require('../../miniprogram/services/api');
    });
    const send = jest.fn(async () => ({ ok: true as const, data: { count: 7, more: false } }));
    api!.setTransport({ send });
    app!.onLaunch();
    app!.onShow();
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(send).toHaveBeenCalledWith(expect.objectContaining({ action: 'notify.unreadCount' }));
    expect(wx.setTabBarBadge).toHaveBeenCalledWith(expect.objectContaining({ index: 3, text: '7' }));
  });
});
