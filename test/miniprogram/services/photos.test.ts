import { isOwnFile, PhotoUrls, URL_TTL_MS, URLS_PER_CALL } from '../../../miniprogram/services/photos';
import { fail, ok } from '../../../miniprogram/core/envelope';

const own = 'cloud://env-1.b/uploads/m1/1-a.jpg';
const ownLocal = 'local://uploads/m1_ab.jpg';
const other = 'cloud://env-1.b/uploads/m2/2-b.jpg';

const answering = (withheld: string[] = []) =>
  jest.fn(async (ids: string[]) => ok({ urls: Object.fromEntries(ids.filter((id) => !withheld.includes(id)).map((id) => [id, `https://t/${id.length}`])) }));

describe('whose photo it is', () => {
  it('reads the uploader from the folder, cloud or local', () => {
    expect(isOwnFile(own, 'm1')).toBe(true);
    expect(isOwnFile(ownLocal, 'm1')).toBe(true);
    expect(isOwnFile(other, 'm1')).toBe(false);
    expect(isOwnFile(own, '')).toBe(false);
    expect(isOwnFile('cloud://env-1.b/uploads/m10/x.jpg', 'm1')).toBe(false);
  });
});

describe('a page’s photo addresses', () => {
  it('asks media.urls once for what it does not know, and caches', async () => {
    const fetch = answering();
    const cache = new PhotoUrls(fetch);
    await cache.load([own, other, own]);
    await cache.load([own, other]);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0][0]).toEqual([own, other]);
  });

  it('asks in batches the action accepts', async () => {
    const fetch = answering();
    const ids = Array.from({ length: URLS_PER_CALL + 2 }, (_, i) => `cloud://env-1.b/uploads/m1/${i}.jpg`);
    await new PhotoUrls(fetch).load(ids);
    expect(fetch.mock.calls.map((c) => c[0].length)).toEqual([URLS_PER_CALL, 2]);
  });

  it('asks again once the addresses may have expired', async () => {
    let now = 0;
    const fetch = answering();
    const cache = new PhotoUrls(fetch, () => now);
    await cache.load([own]);
    now = URL_TTL_MS + 1;
    expect(cache.needs([own])).toBe(true);
    await cache.load([own]);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('shows a photo with an address, the viewer’s own without one as 审核中, and leaves out others', async () => {
    const cache = new PhotoUrls(answering([own, other]));
    const shown = 'cloud://env-1.b/uploads/m2/3-c.jpg';
    await cache.load([own, other, shown]);
    expect(cache.items([own, other, shown], 'm1')).toEqual([
      { id: own, src: '', pending: true },
      { id: shown, src: 'https://t/34', pending: false },
    ]);
  });

  it('shows nothing for photos not asked about yet, and keeps trying after a failure', async () => {
    const fetch = jest.fn(async () => fail('NETWORK_ERROR'));
    const cache = new PhotoUrls(fetch);
    await cache.load([own]);
    expect(cache.items([own], 'm1')).toEqual([]);
    expect(cache.needs([own])).toBe(true);
  });

  it('keeps every photo of a form, waiting ones as 审核中', async () => {
    const cache = new PhotoUrls(answering([ownLocal]));
    await cache.load([own, ownLocal]);
    expect(cache.ownItems([own, ownLocal])).toEqual([
      { id: own, src: 'https://t/34', pending: false },
      { id: ownLocal, src: '', pending: true },
    ]);
  });
});
