import { call } from '../../services/api';
import { decideModeration, moderationQueue, type ModerationItemView } from '../../core/moderation/contract';
import { dateText } from '../../services/dates';
import { emptyErrors } from '../../services/form';
import { formSubmit } from '../../services/form-submit';
import { pagedList } from '../../services/paged-list';
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
    createdText: dateText(m.createdAt),
  };
}

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id?: string; tab?: string; src?: string }>;

const queue = pagedList({
  fetch: (status: Tab, cursor) => call(moderationQueue, { status, cursor, limit: PAGE_SIZE }),
  row,
  keys: { more: 'more' },
});
const decideForm = formSubmit(decideModeration, { fields: ['reason'], keys: { errors: 'decideErrors', message: 'decideError', busy: 'deciding' } });

/** The photo behind a row, '' for text. */
const fileIdOf = (m: ModerationItemView) => (m.subjectType === 'photo' ? m.content : '');

Component({
  data: {
    tab: 'pending' as Tab,
    loaded: false,
    error: '',
    items: [] as Row[],
    more: false,
    loadingMore: false,
    moreError: '',
    rejectingId: '',
    reason: '',
    decideErrors: emptyErrors(['reason']),
    decideError: '',
    decideErrorId: '',
    deciding: false,
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
      queue(this).clear();
      this.setData({ tab, rejectingId: '', reason: '', decideErrorId: '' });
      decideForm(this).clear();
      void this.reload();
    },
    async reload() {
      if (await queue(this).reload(this.data.tab)) void this.loadPhotos(0);
    },
    async loadMore() {
      const start = queue(this).items.length;
      if (await queue(this).loadMore()) void this.loadPhotos(start);
    },
    /** Photos to judge come through media.urls like everywhere else; only those rows change. */
    async loadPhotos(from: number) {
      const list = queue(this);
      const gen = list.generation;
      const fileIds = list.items.map(fileIdOf);
      const ids = fileIds.slice(from).filter((f) => f !== '');
      if (ids.length === 0) return;
      const cache = pagePhotos(this);
      await cache.load(ids);
      if (gen !== list.generation) return;
      const patch: Record<string, unknown> = {};
      fileIds.forEach((f, i) => {
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
      this.setData({ rejectingId: e.currentTarget.dataset.id ?? '', reason: '', decideErrorId: '' });
      decideForm(this).clear();
    },
    cancelReject() {
      this.setData({ rejectingId: '', reason: '', decideErrorId: '' });
      decideForm(this).clear();
    },
    onReason(e: WechatMiniprogram.TextareaInput) {
      this.setData({ reason: e.detail.value, decideError: '', 'decideErrors.reason': '' });
    },
    confirmReject() {
      // An empty box goes as "no reason", so the contract's own words ask for one.
      const reason = this.data.reason.trim() ? this.data.reason : undefined;
      void this.decide(this.data.rejectingId, 'reject', reason);
    },
    async decide(itemId: string, decision: 'approve' | 'reject', reason: string | undefined) {
      if (!itemId) return;
      const input = reason === undefined ? { itemId, decision } : { itemId, decision, reason };
      const form = decideForm(this);
      if (form.busy) return;
      this.setData({ decideErrorId: itemId });
      const res = await form.submit(input);
      if (!res?.ok) return;
      // A decided item leaves this tab.
      queue(this).remove((m) => m.id === itemId);
      this.setData({ rejectingId: '', reason: '' });
      wx.showToast({ title: decision === 'approve' ? '已通过' : '已设为不通过', icon: 'success' });
    },
  },
});
