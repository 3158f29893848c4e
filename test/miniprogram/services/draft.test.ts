import { clearDraft, DRAFT_KEY, loadDraft, saveDraft, type SyncStorage } from '../../../miniprogram/pages/concern-submit/draft';

function memoryStorage(): SyncStorage & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return {
    map,
    getStorageSync: (k) => (map.has(k) ? map.get(k) : ''),
    setStorageSync: (k, v) => void map.set(k, v),
    removeStorageSync: (k) => void map.delete(k),
  };
}

const draft = {
  text: '楼道灯坏了',
  category: 'env',
  buildingId: 'b1',
  hideName: true,
  photos: ['cloud://env-1.bucket/concern/202605/a.jpg'],
  idempotencyKey: 'k1234567',
};

describe('a saved draft', () => {
  it('comes back as saved and is gone after clearing', () => {
    const s = memoryStorage();
    saveDraft(s, draft);
    expect(loadDraft(s)).toEqual(draft);
    clearDraft(s);
    expect(loadDraft(s)).toBeUndefined();
  });
});

describe('storage holding something else', () => {
  it('yields no draft rather than a broken one', () => {
    const s = memoryStorage();
    s.map.set(DRAFT_KEY, 'text');
    expect(loadDraft(s)).toBeUndefined();
    s.map.set(DRAFT_KEY, { text: 1 });
    expect(loadDraft(s)).toBeUndefined();
    s.map.set(DRAFT_KEY, { text: 'x', idempotencyKey: 'k', hideName: 'yes', category: 5 });
    expect(loadDraft(s)).toEqual({ text: 'x', idempotencyKey: 'k', hideName: false, category: '', buildingId: '', photos: [] });
    s.map.set(DRAFT_KEY, { text: 'x', idempotencyKey: 'k', photos: ['cloud://e.b/p.jpg', 7, null] });
    expect(loadDraft(s)?.photos).toEqual(['cloud://e.b/p.jpg']);
  });
});

describe('storage that throws', () => {
  it('never breaks the form', () => {
    const broken: SyncStorage = {
      getStorageSync: () => {
        throw new Error('io');
      },
      setStorageSync: () => {
        throw new Error('full');
      },
      removeStorageSync: () => {
        throw new Error('io');
      },
    };
    expect(loadDraft(broken)).toBeUndefined();
    expect(() => saveDraft(broken, draft)).not.toThrow();
    expect(() => clearDraft(broken)).not.toThrow();
  });
});
