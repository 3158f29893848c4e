/**
 * Showing photos. Records carry file ids only; what an <image> can load comes from
 * `media.urls`, which answers with short-lived addresses for the photos the caller may see
 * (their own uploads, and passed photos of records they can view) and leaves the rest out.
 * Each page keeps its own cache so a refresh or a re-render does not ask twice.
 */
import type { Envelope } from '../core/envelope';
import { mediaUrls } from '../core/media/contract';
import { call } from './api';
import { instanceState } from './page-state';

export interface PhotoItem {
  id: string;
  /** What the <image> loads; '' while the photo waits for its check. */
  src: string;
  /** The viewer's own photo that has no address yet: shown as a "审核中" tile. */
  pending: boolean;
}

export type FetchUrls = (fileIds: string[]) => Promise<Envelope<{ urls: Record<string, string> }>>;

/** media.urls takes at most this many ids per call. */
export const URLS_PER_CALL = 18;
/** Addresses expire; ten minutes is well inside their life and covers a page visit. */
export const URL_TTL_MS = 10 * 60_000;

/** Same rule the server uses for registration: the uploader's folder is in the id. */
export function isOwnFile(fileId: string, memberId: string): boolean {
  if (!memberId) return false;
  return fileId.includes(`/uploads/${memberId}/`) || fileId.startsWith(`local://uploads/${memberId}_`);
}

interface Entry {
  /** '' = the server left it out (not visible to this caller, or not checked yet). */
  url: string;
  at: number;
}

/**
 * One page's photo addresses. `load` asks only for ids it has not seen lately and never
 * rejects: a failed call leaves those photos unknown, to be tried on the next load.
 */
export class PhotoUrls {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly fetch: FetchUrls = (fileIds) => call(mediaUrls, { fileIds }),
    private readonly now: () => number = Date.now,
  ) {}

  private fresh(id: string): Entry | undefined {
    const e = this.entries.get(id);
    return e && this.now() - e.at < URL_TTL_MS ? e : undefined;
  }

  /** The address if known: a string ('' = left out by the server), undefined = not asked yet. */
  lookup(id: string): string | undefined {
    return this.fresh(id)?.url;
  }

  /** True when some of `ids` still need asking. */
  needs(ids: readonly string[]): boolean {
    return ids.some((id) => !this.fresh(id));
  }

  async load(ids: readonly string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => id && !this.fresh(id));
    const batches: string[][] = [];
    for (let i = 0; i < missing.length; i += URLS_PER_CALL) batches.push(missing.slice(i, i + URLS_PER_CALL));
    await Promise.all(
      batches.map(async (batch) => {
        let res: Envelope<{ urls: Record<string, string> }>;
        try {
          res = await this.fetch(batch);
        } catch {
          return;
        }
        if (!res.ok) return;
        const at = this.now();
        const urls = res.data.urls ?? {};
        for (const id of batch) {
          const url = urls[id];
          this.entries.set(id, { url: typeof url === 'string' ? url : '', at });
        }
      }),
    );
  }

  /**
   * Display items for `ids`. A photo with an address shows it; one the server left out is
   * a "审核中" tile when it is the viewer's own upload and is not shown otherwise; one not
   * asked about yet waits (not shown) until the next render.
   */
  items(ids: readonly string[] | undefined, memberId = ''): PhotoItem[] {
    const out: PhotoItem[] = [];
    for (const id of ids ?? []) {
      const url = this.lookup(id);
      if (url) out.push({ id, src: url, pending: false });
      else if (url === '' && isOwnFile(id, memberId)) out.push({ id, src: '', pending: true });
    }
    return out;
  }

  /**
   * The viewer's own photos in a form (restored from a draft): every id stays, since the
   * list is what gets sent; those without an address yet show as "审核中".
   */
  ownItems(ids: readonly string[] | undefined): PhotoItem[] {
    return (ids ?? []).map((id) => {
      const src = this.lookup(id) ?? '';
      return { id, src, pending: src === '' };
    });
  }
}

/** Photos the resident just picked: the device file shows at once, no address needed. */
export function localItems(files: ReadonlyArray<{ id: string; src: string }>): PhotoItem[] {
  return files.map((f) => ({ id: f.id, src: f.src, pending: false }));
}

/** The cache of the page (component instance) given; it lives as long as the page. */
export const pagePhotos = instanceState(() => new PhotoUrls());
