/**
 * The home page's notices: pinned first, newest first within each, gone at expiry or when
 * withdrawn; staff see them all, with why a notice was withdrawn; nobody sees another
 * community's.
 */
import type { NoticeView } from '../../../../../miniprogram/core/disclosure/notice-contract';
import type { Page } from '../../../../../miniprogram/core/action';
import { DAY, HOUR } from '../../../../../cloudfunctions/lib/kernel/time';
import { createHarness, type Harness } from '../../../../support/harness';
import { published, titles } from './fixtures';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

/** Four notices an hour apart: two pinned, two not. */
async function four() {
  const made: NoticeView[] = [];
  for (const [title, pinned] of [['一号：电梯年检通知', true], ['二号：垃圾分类宣传周', false], ['三号：冬季防火安全提示', true], ['四号：社区食堂试营业', false]] as const) {
    made.push(await published(h, { title, pinned }));
    h.clock.advance(HOUR);
  }
  return made;
}

describe('residents see pinned notices first, newest first within each', () => {
  it('orders them and marks the pinned ones', async () => {
    await four();
    expect(await titles(h, 'demo-resident-1')).toEqual(['三号：冬季防火安全提示', '一号：电梯年检通知', '四号：社区食堂试营业', '二号：垃圾分类宣传周']);
    const page = await h.ok<Page<NoticeView>>('demo-resident-1', 'notice.list', {});
    expect(page.items.map((n) => n.pinned)).toEqual([true, true, false, false]);
    expect(page.items[0]).toMatchObject({ expired: false, withdrawn: false, withdrawReason: null, byName: '王书记', allowedActions: ['notice.list'] });
  });
  it('pages through both halves without losing or repeating one', async () => {
    await four();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page: Page<NoticeView> = await h.ok('demo-volunteer-1', 'notice.list', { limit: 1, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((n) => n.title));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual(['三号：冬季防火安全提示', '一号：电梯年检通知', '四号：社区食堂试营业', '二号：垃圾分类宣传周']);
  });
});

describe('a notice leaves the home page at its expiry', () => {
  it('is gone for residents the moment it expires and stays in the staff list, marked expired', async () => {
    await published(h, { title: '明天上午停电通知', expiresAt: h.clock.now() + DAY });
    h.clock.advance(HOUR);
    await published(h, { title: '社区食堂试营业', expiresAt: h.clock.now() + 30 * DAY });
    h.clock.advance(DAY - HOUR - 1);
    expect(await titles(h, 'demo-resident-2')).toEqual(['社区食堂试营业', '明天上午停电通知']);
    h.clock.advance(1);
    expect(await titles(h, 'demo-resident-2')).toEqual(['社区食堂试营业']);
    const all = await h.ok<Page<NoticeView>>('demo-grid-1', 'notice.list', { when: 'all' });
    expect(all.items.map((n) => [n.title, n.expired])).toEqual([['社区食堂试营业', false], ['明天上午停电通知', true]]);
  });
  it('fills a page past expired ones', async () => {
    for (let i = 1; i <= 3; i++) await published(h, { title: `短期通知第${i}条`, expiresAt: h.clock.now() + HOUR });
    await published(h, { title: '长期有效的通知', expiresAt: h.clock.now() + 90 * DAY });
    for (let i = 4; i <= 6; i++) await published(h, { title: `短期通知第${i}条`, expiresAt: h.clock.now() + HOUR });
    h.clock.advance(2 * HOUR);
    const page = await h.ok<Page<NoticeView>>('demo-resident-1', 'notice.list', { limit: 2 });
    expect(page.items.map((n) => n.title)).toEqual(['长期有效的通知']);
    expect(page.next).toBeUndefined();
  });
});

describe('only staff see every notice', () => {
  it('refuses residents and volunteers the full list', async () => {
    for (const who of ['demo-resident-1', 'demo-volunteer-1']) {
      expect(await h.call(who, 'notice.list', { when: 'all' })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    }
    expect((await h.call('demo-grid-2', 'notice.list', { when: 'all' })).ok).toBe(true);
  });
  it('shows admins the withdraw button on active notices only', async () => {
    const n = await published(h, { expiresAt: h.clock.now() + HOUR });
    expect((await h.ok<Page<NoticeView>>('demo-admin', 'notice.list', { when: 'all' })).items[0].allowedActions).toEqual(['notice.list', 'notice.withdraw']);
    expect((await h.ok<Page<NoticeView>>('demo-grid-1', 'notice.list', { when: 'all' })).items[0].allowedActions).toEqual(['notice.list']);
    h.clock.advance(HOUR);
    const later = (await h.ok<Page<NoticeView>>('demo-admin', 'notice.list', { when: 'all' })).items[0];
    expect(later).toMatchObject({ noticeId: n.noticeId, expired: true, allowedActions: ['notice.list'] });
  });
});

describe('another community', () => {
  it('sees none of these notices', async () => {
    await published(h);
    expect(await titles(h, 'other-admin')).toEqual([]);
    expect(await titles(h, 'other-admin', 'all')).toEqual([]);
  });
});
