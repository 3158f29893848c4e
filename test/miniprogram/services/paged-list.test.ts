import { pagedList, prefixedKeys } from '../../../miniprogram/services/paged-list';
import type { Page } from '../../../miniprogram/core/action';
import { fail, ok, type Envelope } from '../../../miniprogram/core/envelope';

interface Item {
  id: string;
}

/** A page host that merges setData the way the framework does, index paths included. */
function host() {
  const data: Record<string, unknown> = {};
  return {
    data,
    setData(patch: Record<string, unknown>) {
      for (const [k, v] of Object.entries(patch)) {
        const m = /^(\w+)\[(\d+)\]$/.exec(k);
        if (m) (data[m[1]] as unknown[])[Number(m[2])] = v;
        else data[k] = v;
      }
    },
  };
}

/** A backend whose answers the test releases one by one. */
function deferred() {
  const waiting: Array<{ query: string; cursor?: string; answer: (e: Envelope<Page<Item>>) => void }> = [];
  const fetch = jest.fn(
    (query: string, cursor: string | undefined) =>
      new Promise<Envelope<Page<Item>>>((answer) => waiting.push({ query, cursor, answer })),
  );
  return { fetch, waiting };
}

const page = (ids: string[], next?: string): Envelope<Page<Item>> => ok({ items: ids.map((id) => ({ id })), ...(next ? { next } : {}) });

describe('a paged list', () => {
  it('shows the first page, appends the next by index path and stops at the last', async () => {
    const h = host();
    const fetch = jest.fn(async (_q: undefined, cursor: string | undefined) => (cursor ? page(['c'], undefined) : page(['a', 'b'], 'p2')));
    const list = pagedList({ fetch, row: (t: Item) => ({ label: t.id.toUpperCase() }) })(h);
    await list.reload();
    expect(h.data).toMatchObject({ loaded: true, error: '', items: [{ label: 'A' }, { label: 'B' }], hasMore: true });
    const spy = jest.spyOn(h, 'setData');
    expect(await list.loadMore()).toBe(true);
    expect(spy).toHaveBeenLastCalledWith({ loadingMore: false, hasMore: false, 'items[2]': { label: 'C' } });
    expect(list.items.map((t) => t.id)).toEqual(['a', 'b', 'c']);
    expect(await list.loadMore()).toBe(false);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('is one per host', () => {
    const list = pagedList({ fetch: async () => page([]), row: (t: Item) => t });
    const a = host();
    expect(list(a)).toBe(list(a));
    expect(list(a)).not.toBe(list(host()));
  });

  it('sends one load-more at a time', async () => {
    const h = host();
    const d = deferred();
    const list = pagedList({ fetch: d.fetch, row: (t: Item) => t })(h);
    const first = list.reload('q');
    d.waiting[0].answer(page(['a'], 'p2'));
    await first;
    void list.loadMore();
    void list.loadMore();
    expect(d.fetch).toHaveBeenCalledTimes(2);
    expect(d.fetch).toHaveBeenLastCalledWith('q', 'p2');
  });

  it('drops a load-more answer that lands after a reload, and is not left busy', async () => {
    const h = host();
    const d = deferred();
    const list = pagedList({ fetch: d.fetch, row: (t: Item) => t })(h);
    const first = list.reload('q');
    d.waiting[0].answer(page(['a'], 'p2'));
    await first;
    const more = list.loadMore();
    const again = list.reload();
    // The reload fails; the stale load-more must not keep the list busy.
    d.waiting[2].answer(fail('NETWORK_ERROR'));
    await again;
    d.waiting[1].answer(page(['stale'], 'p3'));
    expect(await more).toBe(false);
    expect(h.data.items).toEqual([{ id: 'a' }]);
    expect(h.data.error).toContain('网络');
    void list.loadMore();
    expect(d.fetch).toHaveBeenCalledTimes(4);
    expect(d.fetch).toHaveBeenLastCalledWith('q', 'p2');
  });

  it('drops a first page superseded by a newer query', async () => {
    const h = host();
    const d = deferred();
    const list = pagedList({ fetch: d.fetch, row: (t: Item) => t })(h);
    const old = list.reload('upcoming');
    const fresh = list.reload('past');
    d.waiting[1].answer(page(['past']));
    await fresh;
    d.waiting[0].answer(page(['upcoming']));
    expect(await old).toBe(false);
    expect(h.data.items).toEqual([{ id: 'past' }]);
  });

  it('keeps the rows when a later page fails, with its message under them', async () => {
    const h = host();
    let n = 0;
    const list = pagedList({ fetch: async () => (++n === 1 ? page(['a'], 'p2') : fail('NETWORK_ERROR')), row: (t: Item) => t })(h);
    await list.reload(undefined);
    await list.loadMore();
    expect(h.data).toMatchObject({ items: [{ id: 'a' }], loadingMore: false, error: '' });
    expect(h.data.moreError).toContain('网络');
  });

  it('renders into its own keys, skips items already shown, replaces and removes', async () => {
    const h = host();
    const fetch = async (_q: undefined, cursor: string | undefined) => (cursor ? page(['b', 'c']) : page(['a'], 'p2'));
    const same = (x: Item, y: Item) => x.id === y.id;
    const list = pagedList({ fetch, row: (t: Item) => t.id, keys: prefixedKeys('buildings'), sameItem: same })(h);
    await list.reload();
    list.put({ id: 'b' }, same);
    await list.loadMore();
    expect(h.data.buildings).toEqual(['a', 'b', 'c']);
    expect(h.data.buildingsMore).toBe(false);
    list.remove((t) => t.id === 'a');
    expect(h.data.buildings).toEqual(['b', 'c']);
    list.clear();
    expect(h.data).toMatchObject({ buildings: [], buildingsLoaded: false });
    expect(list.loaded).toBe(false);
  });
});
