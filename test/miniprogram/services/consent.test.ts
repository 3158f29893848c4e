import { askConsent, consentResults, loadTemplates, type ConsentWx } from '../../../miniprogram/services/consent';
import { fail, ok } from '../../../miniprogram/core/envelope';
import type { TemplateRequest } from '../../../miniprogram/core/notify/contract';

const templates: TemplateRequest[] = [
  { key: 'concernProgress', templateId: 'T-progress' },
  { key: 'concernResolved', templateId: 'T-resolved' },
];

type Opts = Parameters<NonNullable<ConsentWx['requestSubscribeMessage']>>[0];

function wxAnswering(answer: (o: Opts) => void) {
  const requestSubscribeMessage = jest.fn(answer);
  return { requestSubscribeMessage };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('prefetching templates', () => {
  it('asks notify.templates for the moment', async () => {
    const fetch = jest.fn(async () => ok({ templates }));
    expect(await loadTemplates('concern.submit', fetch)).toEqual(templates);
    expect(fetch).toHaveBeenCalledWith('concern.submit');
  });

  it('yields none when the call fails or throws, so nothing is asked', async () => {
    expect(await loadTemplates('booking.create', async () => fail('NETWORK_ERROR'))).toEqual([]);
    expect(await loadTemplates('booking.create', async () => Promise.reject(new Error('x')))).toEqual([]);
  });

  it('drops ids that are empty', async () => {
    const got = await loadTemplates('booking.create', async () => ok({ templates: [{ key: 'bookingResult', templateId: '' }, { key: 'bookingReminder', templateId: 'R' }] }));
    expect(got).toEqual([{ key: 'bookingReminder', templateId: 'R' }]);
  });
});

describe('asking in the tap', () => {
  it('calls requestSubscribeMessage synchronously with the prefetched ids', () => {
    const w = wxAnswering(() => undefined);
    void askConsent(w, templates, jest.fn(), 10);
    expect(w.requestSubscribeMessage).toHaveBeenCalledTimes(1);
    expect(w.requestSubscribeMessage.mock.calls[0][0].tmplIds).toEqual(['T-progress', 'T-resolved']);
  });

  it('records the answers by template key, in the background', async () => {
    const record = jest.fn(async () => ok({ balances: {} }));
    const w = wxAnswering((o) => o.success?.({ errMsg: 'requestSubscribeMessage:ok', 'T-progress': 'accept', 'T-resolved': 'reject' }));
    await askConsent(w, templates, record);
    await settle();
    expect(record).toHaveBeenCalledWith({ concernProgress: 'accept', concernResolved: 'reject' });
  });

  it('resolves when the resident rejects, without failing', async () => {
    const record = jest.fn(async () => ok({ balances: {} }));
    const w = wxAnswering((o) => o.success?.({ 'T-progress': 'reject', 'T-resolved': 'reject' }));
    await expect(askConsent(w, templates, record)).resolves.toBeUndefined();
  });

  it('resolves when the API fails or throws, and records nothing', async () => {
    const record = jest.fn();
    await expect(askConsent(wxAnswering((o) => o.fail?.({ errMsg: 'requestSubscribeMessage:fail', errCode: 20004 })), templates, record)).resolves.toBeUndefined();
    await expect(
      askConsent(
        wxAnswering(() => {
          throw new Error('not supported');
        }),
        templates,
        record,
      ),
    ).resolves.toBeUndefined();
    expect(record).not.toHaveBeenCalled();
  });

  it('does not let a failing record reach the caller', async () => {
    const record = jest.fn(async () => Promise.reject(new Error('network')));
    const w = wxAnswering((o) => o.success?.({ 'T-progress': 'accept' }));
    await expect(askConsent(w, templates, record)).resolves.toBeUndefined();
    await settle();
    expect(record).toHaveBeenCalled();
  });

  it('skips the panel when there are no templates or no API', async () => {
    const w = wxAnswering(() => undefined);
    await askConsent(w, [], jest.fn());
    expect(w.requestSubscribeMessage).not.toHaveBeenCalled();
    await expect(askConsent({}, templates, jest.fn())).resolves.toBeUndefined();
  });

  it('goes on after the wait limit if WeChat never answers', async () => {
    jest.useFakeTimers();
    try {
      const p = askConsent(wxAnswering(() => undefined), templates, jest.fn(), 1000);
      let done = false;
      void p.then(() => (done = true));
      await Promise.resolve();
      expect(done).toBe(false);
      jest.advanceTimersByTime(1000);
      await p;
      expect(done).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('mapping answers to template keys', () => {
  it('keeps the known answers and ignores errMsg and strangers', () => {
    expect(consentResults(templates, { errMsg: 'ok', 'T-progress': 'filter', 'T-resolved': 'maybe', other: 'accept' })).toEqual({ concernProgress: 'filter' });
  });
});
