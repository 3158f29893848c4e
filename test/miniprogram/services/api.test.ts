/**
 * api.call before and after zod has arrived on the device (services/lazy-zod.ts): the first
 * screen's calls do not wait for the download, and once zod is here the input is checked
 * and cleaned on the phone first, as before.
 */
import type { ActionEvent, Envelope } from '../../../miniprogram/core/envelope';

type Api = typeof import('../../../miniprogram/services/api');
type LazyModule = typeof import('../../../miniprogram/services/lazy-zod');
type Contracts = typeof import('../../../miniprogram/core/contracts');

function deviceApi() {
  let out: { api: Api; lazy: LazyModule; contracts: Contracts['contracts'] } | undefined;
  jest.isolateModules(() => {
    const lazy = jest.requireActual<LazyModule>('../../../miniprogram/services/lazy-zod');
    jest.doMock('zod', () => ({ z: lazy.z, whenLoaded: lazy.whenLoaded, isLoaded: lazy.isLoaded }));
    const contracts = (jest.requireActual('../../../miniprogram/core/contracts') as Contracts).contracts;
    const api = jest.requireActual<Api>('../../../miniprogram/services/api');
    out = { api, lazy, contracts };
  });
  if (!out) throw new Error('not loaded');
  return out;
}

describe('api.call on the device', () => {
  it('sends at once while zod is still coming, and starts fetching it', async () => {
    const { api, lazy, contracts } = deviceApi();
    let release: (() => void) | undefined;
    let asked = 0;
    lazy.setLoader(() => {
      asked += 1;
      return new Promise((resolve) => {
        release = () => resolve({ z: jest.requireActual('zod').z });
      });
    });
    const sent: ActionEvent[] = [];
    api.setTransport({ send: async (e) => (sent.push(e), { ok: true, data: {} } as Envelope<unknown>) });
    await api.call(contracts['concern.listMine'], {});
    expect(sent.map((e) => e.action)).toEqual(['concern.listMine']);
    expect(asked).toBe(1);
    release?.();
    await lazy.whenLoaded();
    // Now checked on the phone: a bad input never leaves it, with the shared message.
    const bad = await api.call(contracts['concern.get'], { concernId: { $ne: null } } as never);
    expect(bad.ok ? '' : bad.error.code).toBe('VALIDATION_ERROR');
    expect(sent).toHaveLength(1);
  });
});
