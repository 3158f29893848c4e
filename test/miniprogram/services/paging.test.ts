import { collectPages } from '../../../miniprogram/services/paging';
import { fail, ok } from '../../../miniprogram/core/envelope';

describe('collecting a paged list', () => {
  it('follows cursors to the end', async () => {
    const pages: Record<string, { items: number[]; next?: string }> = {
      '': { items: [1, 2], next: 'a' },
      a: { items: [3], next: 'b' },
      b: { items: [4] },
    };
    const res = await collectPages(async (cursor) => ok(pages[cursor ?? '']));
    expect(res).toEqual({ ok: true, data: [1, 2, 3, 4] });
  });

  it('stops at the page cap and on a repeated cursor', async () => {
    const fetch = jest.fn(async () => ok({ items: [1], next: 'same' }));
    await collectPages(fetch, 5);
    expect(fetch).toHaveBeenCalledTimes(2);
    const endless = jest.fn(async (c?: string) => ok({ items: [1], next: `${c ?? ''}x` }));
    const res = await collectPages(endless, 3);
    expect(endless).toHaveBeenCalledTimes(3);
    expect(res.ok && res.data.length).toBe(3);
  });

  it('returns the first failure', async () => {
    const res = await collectPages(async (c) => (c ? fail('NETWORK_ERROR') : ok({ items: [1], next: 'n' })));
    expect(res.ok).toBe(false);
    expect(!res.ok && res.error.code).toBe('NETWORK_ERROR');
  });
});
