/**
 * The unsent concern, kept in local storage so a failed network or a closed mini-program
 * does not cost the resident what they typed. The idempotency key travels with the draft:
 * if the lost request did reach the server, the retry returns that concern, not a copy.
 */
export interface ConcernDraft {
  text: string;
  category: string;
  buildingId: string;
  hideName: boolean;
  /** File ids of photos already uploaded: the upload is the slow part, never redo it. */
  photos: string[];
  idempotencyKey: string;
}

export interface SyncStorage {
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, value: unknown): void;
  removeStorageSync(key: string): void;
}

export const DRAFT_KEY = 'linli.concernDraft';

/** Storage is the device's, but a version upgrade may leave another shape behind. */
export function loadDraft(storage: SyncStorage): ConcernDraft | undefined {
  let raw: unknown;
  try {
    raw = storage.getStorageSync(DRAFT_KEY);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const d = raw as Record<string, unknown>;
  if (typeof d.text !== 'string' || typeof d.idempotencyKey !== 'string') return undefined;
  return {
    text: d.text,
    category: typeof d.category === 'string' ? d.category : '',
    buildingId: typeof d.buildingId === 'string' ? d.buildingId : '',
    hideName: d.hideName === true,
    photos: Array.isArray(d.photos) ? d.photos.filter((p): p is string => typeof p === 'string') : [],
    idempotencyKey: d.idempotencyKey,
  };
}

export function saveDraft(storage: SyncStorage, draft: ConcernDraft): void {
  try {
    storage.setStorageSync(DRAFT_KEY, draft);
  } catch {
    // Storage full or unavailable: the form still holds the text on screen.
  }
}

export function clearDraft(storage: SyncStorage): void {
  try {
    storage.removeStorageSync(DRAFT_KEY);
  } catch {
    // Nothing to do: a stale draft is harmless, it is offered for editing, not sent.
  }
}
