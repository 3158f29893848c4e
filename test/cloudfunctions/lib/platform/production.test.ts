/**
 * Production wiring without a network: the caller's OPENID is what the platform put in the
 * call context (WX_CONTEXT_KEYS), and the content checker fails closed.
 */
import { WechatContentChecker } from '../../../../cloudfunctions/lib/platform/wechat-content-checker';
import { silentLogger } from '../../../../cloudfunctions/lib/platform/system';

describe('the caller comes from the CloudBase call context', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    jest.resetModules();
  });
  it('reads the OPENID the platform injected', () => {
    process.env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID';
    process.env.WX_OPENID = 'o_platform_user';
    process.env.WX_APPID = 'wx_app';
    jest.isolateModules(() => {
      const { platformOpenid } = require('../../../../cloudfunctions/lib/wiring/production');
      expect(platformOpenid()).toBe('o_platform_user');
    });
  });
  it('is anonymous when the platform gave none', () => {
    delete process.env.WX_CONTEXT_KEYS;
    delete process.env.WX_OPENID;
    jest.isolateModules(() => {
      const { platformOpenid } = require('../../../../cloudfunctions/lib/wiring/production');
      expect(platformOpenid()).toBeNull();
    });
  });
});

describe('node-sdk loads on the first call, not when the function starts', () => {
  afterEach(() => jest.resetModules());
  it('builds the production wiring without loading the SDK, and loads it when the openid is asked', () => {
    let loaded = 0;
    jest.isolateModules(() => {
      jest.doMock('@cloudbase/node-sdk', () => {
        loaded += 1;
        return jest.requireActual('@cloudbase/node-sdk');
      });
      const { productionDeps, platformOpenid } = require('../../../../cloudfunctions/lib/wiring/production');
      productionDeps();
      expect(loaded).toBe(0);
      platformOpenid();
      platformOpenid();
      expect(loaded).toBe(1);
    });
    jest.dontMock('@cloudbase/node-sdk');
  });
  it('stands in for an object until first used, then forwards to one instance, methods bound to it', () => {
    jest.isolateModules(() => {
      const { onFirstUse } = require('../../../../cloudfunctions/lib/wiring/production');
      let loads = 0;
      const real = { prefix: 'db:', name(x: string) { return this.prefix + x; } };
      const lazy = onFirstUse(() => (loads += 1, real));
      expect(loads).toBe(0);
      const { name } = lazy;
      expect(name('concerns')).toBe('db:concerns');
      expect(lazy.prefix).toBe('db:');
      expect('name' in lazy).toBe(true);
      expect(loads).toBe(1);
    });
  });
});

describe('WeChat msgSecCheck verdicts', () => {
  const checker = (answer: () => Promise<unknown>) =>
    new WechatContentChecker({ security: { msgSecCheck: answer as never } }, silentLogger);
  it.each(['pass', 'review', 'risky'] as const)('takes result.suggest = %s as the verdict', async (suggest) => {
    expect(await checker(async () => ({ errCode: 0, result: { suggest } })).checkText({ text: 't', openid: 'o', scene: 'forum' })).toBe(suggest);
  });
  it('holds for review when errCode is 0 but no verdict came back', async () => {
    expect(await checker(async () => ({ errCode: 0 })).checkText({ text: 't', openid: 'o', scene: 'forum' })).toBe('review');
  });
  it('holds for review when the API call fails', async () => {
    expect(await checker(async () => Promise.reject({ errCode: -604101 })).checkText({ text: 't', openid: 'o', scene: 'forum' })).toBe('review');
  });
  it('sends version 2, the scene number and at most 2500 characters', async () => {
    const calls: unknown[] = [];
    await checker(async (...args: unknown[]) => (calls.push(args[0]), { result: { suggest: 'pass' } })).checkText({ text: '长'.repeat(3000), openid: 'o', scene: 'forum' });
    expect(calls[0]).toMatchObject({ version: 2, openid: 'o', scene: 3 });
    expect((calls[0] as { content: string }).content).toHaveLength(2500);
  });
});
