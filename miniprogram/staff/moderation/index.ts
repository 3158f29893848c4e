import { call } from '../../services/api';
import { decideModeration, moderationQueue, type ModerationItemView } from '../../core/moderation/contract';
import { formatDateTime } from '../../core/format';
import { fieldErrors } from '../../services/form';
import { instanceState, supersede } from '../../services/page-state';
import { pagePhotos } from '../../services/photos';

const PAGE_SIZE = 20;
type Tab = 'pending' | 'approved' | 'rejected';
const TABS: readonly Tab[] = ['pending', 'approved', 'rejected'];

const REASON_LABELS: Record<ModerationItemView['reason'], string> = {
  textReview: '文字未通过自动检测',
  imageReview: '图片未通过自动检测',
  reported: '居民举报',
  checkFailed: '自动检测失败',
};

const STATUS_LABELS: Record<ModerationItemView['status'], string> = { pending: '待审核', approved: '已通过', rejected: '未通过' };

interface Row {
  id: string;
  isPhoto: boolean;
  /** The text to judge; for a photo, '' (the picture shows instead). */
  text: string;
  /** The photo's address once media.urls answers; '' = not (yet) viewable. */
  src: string;
  photoLoaded: boolean;
  reasonText: string;
  statusLabel: string;
  createdText: string;
}

function row(m: ModerationItemView): Row {
  const isPhoto = m.subjectType === 'photo';
  return {
    id: m.id,
    isPhoto,
    text: isPhoto ? '' : m.content,
    src: '',
    photoLoaded: false,
    reasonText: m.reason === 'reported' ? `${REASON_LABELS.reported}（${m.reportCount}人）` : (REASON_LABELS[m.reason] ?? m.reason),
    statusLabel: STATUS_LABELS[m.status] ?? m.status,
    createdText: formatDateTime(m.createdAt),
  };
}

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id?: string; tab?: string; src?: string }>;

/** Not rendered: paging, each row's photo file id, and guards against stale or double sends. */
const state = instanceState(() => ({
  next: undefined as string | undefined,
  fileIds: [] as string[],
  gen: 0,
  busy: false,
  deciding: false,
}));

Component({
  data: {
    tab: 'pending' as Tab,
    loaded: false,
    error: '',
    items: [] as Row[],
    more: false,
    loadingMore: false,
    rejectingId: '',
    reason: '',
    decideError: '',
    decideErrorId: '',
  },
  methods: {
    onLoad() {
      void this.reload();
    },
    async onPullDownRefresh() {
      await this.reload();
      wx.stopPullDownRefresh();
    },
    onReachBottom() {
      void this.loadMore();
    },
    switchTab(e: Tap) {
      const tab = TABS.find((t) => t === e.currentTarget.dataset.tab);
      if (!tab || tab === this.data.tab) return;
      this.setData({ tab, items: [], loaded: false, more: false, rejectingId: '', reason: '', decideError: '', decideErrorId: '' });
      void this.reload();
    },
    async reload() {
      const s = state(this);
      const gen = supersede(s);
      const res = await call(moderationQueue, { status: this.data.tab, limit: PAGE_SIZE });
      if (gen !== s.gen) return;
      if (!res.ok) {
        this.setData({ loaded: true, error: res.error.message });
        return;
      }
      s.next = res.data.next;
      // Also drops a load-more started during the reload: it used the old cursor.
      const current = supersede(s);
      s.fileIds = res.data.items.map((m) => (m.subjectType === 'photo' ? m.content : ''));
      this.setData({ loaded: true, error: '', items: res.data.items.map(row), more: !!res.data.next, loadingMore: false });
      void this.loadPhotos(current, 0);
    },
    async loadMore() {
      const s = state(this);
      if (!s.next || s.busy) return;
      s.busy = true;
      const gen = s.gen;
      this.setData({ loadingMore: true });
      const res = await call(moderationQueue, { status: this.data.tab, cursor: s.next, limit: PAGE_SIZE });
      if (gen !== s.gen) return;
      s.busy = false;
      if (!res.ok) {
        this.setData({ loadingMore: false, error: res.error.message });
        return;
      }
      const start = s.fileIds.length;
      const patch: Record<string, unknown> = { loadingMore: false, more: !!res.data.next };
      res.data.items.forEach((m, i) => {
        patch[`items[${start + i}]`] = row(m);
        s.fileIds.push(m.subjectType === 'photo' ? m.content : '');
      });
      s.next = res.data.next;
      this.setData(patch);
      void this.loadPhotos(gen, start);
    },
    /** Photos to judge come through media.urls like everywhere else; only those rows change. */
    async loadPhotos(gen: number, from: number) {
      const s = state(this);
      const ids = s.fileIds.slice(from).filter((f) => f !== '');
      if (ids.length === 0) return;
      const cache = pagePhotos(this);
      await cache.load(ids);
      if (gen !== s.gen) return;
      const patch: Record<string, unknown> = {};
      s.fileIds.forEach((f, i) => {
        if (i < from || !f) return;
        patch[`items[${i}].src`] = cache.lookup(f) ?? '';
        patch[`items[${i}].photoLoaded`] = true;
      });
      this.setData(patch);
    },
    preview(e: Tap) {
      const src = e.currentTarget.dataset.src;
      if (src) wx.previewImage({ current: src, urls: [src] });
    },
    approve(e: Tap) {
      const id = e.currentTarget.dataset.id;
      if (id) void this.decide(id, 'approve', undefined);
    },
    startReject(e: Tap) {
      this.setData({ rejectingId: e.currentTarget.dataset.id ?? '', reason: '', decideError: '', decideErrorId: '' });
    },
    cancelReject() {
      this.setData({ rejectingId: '', reason: '', decideError: '', decideErrorId: '' });
    },
    onReason(e: WechatMiniprogram.TextareaInput) {
      this.setData({ reason: e.detail.value, decideError: '' });
    },
    confirmReject() {
      // An empty box goes as "no reason", so the contract's own words ask for one.
      const reason = this.data.reason.trim() ? this.data.reason : undefined;
      void this.decide(this.data.rejectingId, 'reject', reason);
    },
    async decide(itemId: string, decision: 'approve' | 'reject', reason: string | undefined) {
      const s = state(this);
      if (!itemId || s.deciding) return;
      s.deciding = true;
      this.setData({ decideError: '', decideErrorId: '' });
      const input = reason === undefined ? { itemId, decision } : { itemId, decision, reason };
      const res = await call(decideModeration, input);
      s.deciding = false;
      if (!res.ok) {
        const byField = fieldErrors(res.error);
        this.setData({ decideError: byField.reason || res.error.message, decideErrorId: itemId });
        return;
      }
      // A decided item leaves this tab; the list is at most a few pages, resent whole.
      const index = this.data.items.findIndex((r) => r.id === itemId);
      if (index >= 0) s.fileIds.splice(index, 1);
      this.setData({ items: this.data.items.filter((r) => r.id !== itemId), rejectingId: '', reason: '' });
      wx.showToast({ title: decision === 'approve' ? '已通过' : '已设为不通过', icon: 'success' });
    },
  },
});
