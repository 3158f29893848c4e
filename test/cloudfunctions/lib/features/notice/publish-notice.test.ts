/**
 * Publishing a notice: it reaches every resident's home page, so personal data is refused
 * unless the publisher keeps it on purpose, a retry makes one notice, and the expiry is bounded.
 */
import type { NoticeView } from '../../../../../miniprogram/core/disclosure/notice-contract';
import { DAY } from '../../../../../cloudfunctions/lib/kernel/time';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { draft, publish, titles } from './fixtures';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('personal data in a notice is refused unless kept on purpose', () => {
  it('names the field, and publishes nothing', async () => {
    const res = await publish(h, { body: '停水期间如有困难请联系刘阿姨家属，电话13912345678。' });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('VALIDATION_ERROR');
    expect(res.error.message).toContain('电话号码1处');
    expect(JSON.stringify(res.error.details)).toContain('"path":"body"');
    expect(JSON.stringify(res.error)).not.toContain('13912345678');
    // Where, so the page can show it from its own text and offer to keep it.
    const body = '停水期间如有困难请联系刘阿姨家属，电话13912345678。';
    const found = (res.error.details as { findings: Array<{ field: string; kind: string; start: number; end: number }> }).findings;
    expect(found.map((f) => [f.field, f.kind, body.slice(f.start, f.end)])).toEqual([['body', 'name', '刘阿姨'], ['body', 'phone', '13912345678']]);
    expect(await titles(h, 'demo-resident-1')).toEqual([]);
  });
  it('publishes a public hotline the publisher keeps', async () => {
    const res = await publish(h, { body: '停水期间如有困难请拨打物业服务热线 0571-88886666。', keep: ['0571-88886666'] });
    expect(res.ok && res.data.body).toContain('0571-88886666');
  });
});

describe('a retried publish makes one notice', () => {
  it('returns the first for the same key', async () => {
    const k = key();
    const [a, b] = await Promise.all([publish(h, {}, 'demo-admin', k), publish(h, {}, 'demo-admin', k)]);
    expect(a.ok && b.ok && (a.data as NoticeView).noticeId === (b.data as NoticeView).noticeId).toBe(true);
    expect(await titles(h, 'demo-resident-1')).toHaveLength(1);
  });
});

describe('the expiry is after now and within 180 days', () => {
  it('refuses one in the past and one too far ahead', async () => {
    for (const expiresAt of [h.clock.now() - 1, h.clock.now() + 181 * DAY]) {
      const res = await h.call('demo-admin', 'notice.publish', draft(h, { expiresAt }), key());
      expect(res.ok || res.error.code).toBe('VALIDATION_ERROR');
    }
  });
});
