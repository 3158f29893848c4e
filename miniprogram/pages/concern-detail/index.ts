import { call } from '../../services/api';
import type { ContractInput } from '../../core/action';
import {
  CONCERN_PHOTOS_MAX,
  getConcern,
  rateConcern,
  reopenConcern,
  supplementConcern,
  withdrawConcern,
  type ConcernView,
} from '../../core/concern/contract';
import type { ErrorBody } from '../../core/errors';
import { allows } from '../../services/view';
import {
  detailView,
  photoIdsOf,
  photoPatch,
  previewUrls,
  STAFF_CONCERN_ACTIONS,
  timelineRows,
  type DetailView,
  type PhotoMapper,
  type TimelineRow,
} from '../../services/concern-view';
import { reportContent } from '../../core/moderation/contract';
import { emptyErrors, formMessage, pickFieldErrors } from '../../services/form';
import { pickPhotos } from '../../services/upload';
import { pagePhotos, type PhotoItem } from '../../services/photos';
import { knownMemberId, pageMemberId } from '../../services/member';
import { instanceState } from '../../services/page-state';

const FIELDS = ['resolved', 'satisfaction', 'comment', 'reason', 'text', 'photos'] as const;
type Panel = '' | 'reopen' | 'supplement' | 'report';

const STAR_LABELS = ['', '很不满意', '不满意', '一般', '满意', '非常满意'];

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { value?: string; group?: string; index?: number; id?: string; src?: string }>;

// `busy` is not rendered: it only stops a double tap from sending twice.
// `view` is the last concern shown, so photos arriving later re-render the right one.
const state = instanceState(() => ({ id: '', busy: false, view: null as ConcernView | null }));

Component({
  data: {
    loading: true,
    error: '',
    created: false,
    concern: null as DetailView | null,
    timeline: [] as TimelineRow[],
    canRate: false,
    canReopen: false,
    canSupplement: false,
    canWithdraw: false,
    canHandle: false,
    canReport: false,
    reportReason: '',
    reportError: '',
    panel: '' as Panel,
    rateResolved: '' as '' | 'yes' | 'no',
    rateStars: 0,
    starLabel: '',
    starValues: [1, 2, 3, 4, 5],
    rateComment: '',
    reason: '',
    supText: '',
    photos: [] as PhotoItem[],
    photoMax: CONCERN_PHOTOS_MAX,
    uploading: false,
    errors: emptyErrors(FIELDS),
    formError: '',
    /** Which form the message above belongs to: 'rate', 'reopen', 'supplement' or 'withdraw'. */
    formErrorAt: '',
    sending: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      state(this).id = query.id ? decodeURIComponent(query.id) : '';
      this.setData({ created: query.created === '1' });
      void this.load();
    },
    onShow() {
      // Coming back from another page: the status may have moved on. Forms keep their input.
      if (this.data.concern) void this.load();
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    async load() {
      const id = state(this).id;
      if (!id) {
        this.setData({ loading: false, error: '没有找到这条诉求' });
        return;
      }
      // The member id tells the resident's own photos apart (a "审核中" tile while checked).
      const [res] = await Promise.all([call(getConcern, { concernId: id }), pageMemberId(this)]);
      if (!res.ok) {
        this.setData({ loading: false, error: res.error.message });
        return;
      }
      this.show(res.data);
    },
    /** Renders a concern view; every action answers with one, so this is the only render path. */
    show(c: ConcernView) {
      const a = c.allowedActions;
      const canReopen = allows(a, 'concern.reopen');
      const canSupplement = allows(a, 'concern.supplement');
      // Offered by the server only where the caller sees someone else's words.
      const canReport = allows(a, 'moderation.report');
      const panel = this.data.panel;
      state(this).view = c;
      const photos = this.photoMapper();
      this.setData({
        loading: false,
        error: '',
        concern: detailView(c, photos),
        timeline: timelineRows(c, photos),
        canReport,
        canRate: allows(a, 'concern.rate'),
        canReopen,
        canSupplement,
        canWithdraw: allows(a, 'concern.withdraw'),
        canHandle: allows(a, ...STAFF_CONCERN_ACTIONS),
        // A form the server no longer offers closes with it.
        panel: (panel === 'reopen' && !canReopen) || (panel === 'supplement' && !canSupplement) || (panel === 'report' && !canReport) ? '' : panel,
      });
      void this.loadPhotos(c);
    },
    photoMapper(): PhotoMapper {
      const cache = pagePhotos(this);
      const me = knownMemberId(this);
      return (ids) => cache.items(ids, me);
    },
    /** Asks media.urls for the photos not known yet, then re-renders only the photos. */
    async loadPhotos(c: ConcernView) {
      const cache = pagePhotos(this);
      const ids = photoIdsOf(c);
      if (!cache.needs(ids)) return;
      await cache.load(ids);
      if (state(this).view === c) this.setData(photoPatch(c, this.photoMapper()));
    },
    /** Sends one resident action; on success re-renders from the answer and clears the forms. */
    async send(form: string, run: () => Promise<{ ok: true; data: ConcernView } | { ok: false; error: ErrorBody }>, done: string) {
      const s = state(this);
      if (s.busy) return;
      s.busy = true;
      this.setData({ sending: true, formError: '', formErrorAt: '', errors: emptyErrors(FIELDS) });
      const res = await run();
      s.busy = false;
      if (!res.ok) {
        this.setData({
          sending: false,
          errors: pickFieldErrors(res.error, FIELDS),
          formError: formMessage(res.error, FIELDS),
          formErrorAt: form,
        });
        return;
      }
      this.setData({ sending: false, panel: '', rateResolved: '', rateStars: 0, starLabel: '', rateComment: '', reason: '', supText: '', photos: [] });
      this.show(res.data);
      wx.showToast({ title: done, icon: 'success' });
    },

    // —— rating ——
    pickResolved(e: Tap) {
      this.setData({ rateResolved: e.currentTarget.dataset.value === 'no' ? 'no' : 'yes', 'errors.resolved': '' });
    },
    pickStar(e: Tap) {
      const n = Number(e.currentTarget.dataset.value);
      if (!(n >= 1 && n <= 5)) return;
      this.setData({ rateStars: n, starLabel: STAR_LABELS[n], 'errors.satisfaction': '' });
    },
    onRateComment(e: WechatMiniprogram.TextareaInput) {
      this.setData({ rateComment: e.detail.value });
    },
    submitRate() {
      const d = this.data;
      const input: Record<string, unknown> = { concernId: state(this).id };
      // Unanswered questions go to the schema as missing, so its messages say what to pick.
      if (d.rateResolved) input.resolved = d.rateResolved === 'yes';
      if (d.rateStars > 0) input.satisfaction = d.rateStars;
      if (d.rateComment.trim()) input.comment = d.rateComment;
      void this.send('rate', () => call(rateConcern, input as ContractInput<typeof rateConcern>), '感谢您的评价');
    },

    // —— reopen and supplement panels ——
    openPanel(e: Tap) {
      const v = e.currentTarget.dataset.value;
      const panel: Panel = v === 'supplement' || v === 'report' ? v : 'reopen';
      this.setData({ panel, formError: '', formErrorAt: '', reportError: '', errors: emptyErrors(FIELDS) });
    },
    closePanel() {
      this.setData({ panel: '', formError: '', formErrorAt: '' });
    },
    onReason(e: WechatMiniprogram.TextareaInput) {
      this.setData({ reason: e.detail.value, 'errors.reason': '' });
    },
    submitReopen() {
      const input = { concernId: state(this).id, reason: this.data.reason };
      void this.send('reopen', () => call(reopenConcern, input), '已重新反映');
    },
    onSupText(e: WechatMiniprogram.TextareaInput) {
      this.setData({ supText: e.detail.value, 'errors.text': '' });
    },
    async addPhoto() {
      if (this.data.uploading) return;
      this.setData({ uploading: true, 'errors.photos': '' });
      const memberId = await pageMemberId(this);
      const res = await pickPhotos(this.data.photos.length, CONCERN_PHOTOS_MAX, memberId);
      const photos = this.data.photos.concat(res.photos).slice(0, CONCERN_PHOTOS_MAX);
      this.setData({ uploading: false, photos, 'errors.photos': res.error });
    },
    removePhoto(e: Tap) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ photos: this.data.photos.filter((_, k) => k !== i) });
    },
    submitSupplement() {
      const input: ContractInput<typeof supplementConcern> = {
        concernId: state(this).id,
        photos: this.data.photos.map((p) => p.id),
      };
      if (this.data.supText.trim()) input.text = this.data.supText;
      void this.send('supplement', () => call(supplementConcern, input), '已补充');
    },

    // —— withdraw ——
    withdraw() {
      // Withdrawing ends the case for good; one confirming tap guards against a slip.
      wx.showModal({
        title: '撤回诉求',
        content: '撤回后网格员将不再办理这条诉求，确定撤回吗？',
        confirmText: '确定撤回',
        cancelText: '再想想',
        confirmColor: '#c62828',
        success: (r) => {
          if (r.confirm) void this.send('withdraw', () => call(withdrawConcern, { concernId: state(this).id }), '已撤回');
        },
      });
    },

    // —— navigation ——
    previewPhoto(e: Tap) {
      const d = e.currentTarget.dataset;
      const urls = previewUrls(String(d.group ?? ''), { concern: this.data.concern, timeline: this.data.timeline, form: this.data.photos });
      const current = d.src || urls[0];
      if (current) wx.previewImage({ current, urls });
    },
    // —— report ——
    onReportReason(e: WechatMiniprogram.TextareaInput) {
      this.setData({ reportReason: e.detail.value, reportError: '' });
    },
    async submitReport() {
      const s = state(this);
      if (s.busy) return;
      s.busy = true;
      this.setData({ sending: true, reportError: '' });
      const res = await call(reportContent, { subjectType: 'concernText', subjectId: s.id, reason: this.data.reportReason });
      s.busy = false;
      if (!res.ok) {
        const byField = pickFieldErrors(res.error, ['reason'] as const);
        this.setData({ sending: false, reportError: byField.reason || res.error.message });
        return;
      }
      this.setData({ sending: false, panel: '', reportReason: '' });
      wx.showToast({ title: '已举报，感谢反馈', icon: 'success' });
    },

    openMerged() {
      const target = this.data.concern?.merged;
      if (target) wx.navigateTo({ url: `/pages/concern-detail/index?id=${encodeURIComponent(target.id)}` });
    },
    goWorkbench() {
      wx.navigateTo({ url: `/staff/concern/index?id=${encodeURIComponent(state(this).id)}` });
    },
  },
});
