import { appShow, launch } from '../../../miniprogram/services/launch';
import { ok } from '../../../miniprogram/core/envelope';
import { agree, isPending, resetPrivacy } from '../../../miniprogram/services/privacy';
import type { AppConfig } from '../../../miniprogram/config';

const cfg = (mode: AppConfig['mode']): AppConfig => ({
  mode,
  cloudEnv: 'env-1',
  localBaseUrl: 'http://127.0.0.1:8787',
  localOpenid: 'demo',
});

beforeEach(() => resetPrivacy());

describe('launch in cloud mode', () => {
  it('initialises the cloud SDK without user tracing', () => {
    const init = jest.fn();
    launch(cfg('cloud'), { cloud: { init } });
    expect(init).toHaveBeenCalledWith({ env: 'env-1', traceUser: false });
  });
});

describe('launch in local mode', () => {
  it('does not touch the cloud SDK', () => {
    const init = jest.fn();
    launch(cfg('local'), { cloud: { init } });
    expect(init).not.toHaveBeenCalled();
  });
});

describe('privacy authorization', () => {
  it('hands WeChat’s resolve to the shared privacy state', () => {
    let listener: ((resolve: (d: unknown) => void) => void) | undefined;
    launch(cfg('local'), { onNeedPrivacyAuthorization: (l: typeof listener) => (listener = l) });
    const resolve = jest.fn();
    listener!(resolve);
    expect(isPending()).toBe(true);
    agree('agree-btn');
    expect(resolve).toHaveBeenCalledWith({ event: 'agree', buttonId: 'agree-btn' });
  });

  it('is skipped on base libraries without the API', () => {
    expect(() => launch(cfg('local'), {})).not.toThrow();
  });
});

describe('the app comes to the front', () => {
  it('refreshes the unread badge on the 我的 tab', async () => {
    const setTabBarBadge = jest.fn();
    expect(await appShow({ setTabBarBadge }, async () => ok({ count: 4, more: false }))).toBe('4');
    expect(setTabBarBadge).toHaveBeenCalledWith(expect.objectContaining({ index: 3, text: '4' }));
  });
});
