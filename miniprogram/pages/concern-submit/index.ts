import { call } from '../../services/api';
import { getMe } from '../../core/member/contract';
import { listBuildings, type BuildingView } from '../../core/community/contract';
import {
  CONCERN_PHOTOS_MAX,
  CONCERN_TEXT_MAX,
  listCategories,
  submitConcern,
  type CategoryView,
} from '../../core/concern/contract';
import { allows } from '../../services/view';
import { collectPages } from '../../services/paging';
import { emptyErrors } from '../../services/form';
import { formSubmit } from '../../services/form-submit';
import { DEFAULT_MESSAGES } from '../../core/errors';
import { clearDraft, loadDraft, saveDraft } from './draft';
import { instanceState } from '../../services/page-state';
import { pickPhotos } from '../../services/upload';
import { pagePhotos, type PhotoItem } from '../../services/photos';
import { askConsent, loadTemplates } from '../../services/consent';
import { checkNow } from '../../services/schemas';
import type { ContractInput } from '../../core/action';
import type { TemplateRequest } from '../../core/notify/contract';

const FIELDS = ['category', 'text', 'buildingId', 'photos'] as const;

const state = instanceState(() => ({
  categories: [] as CategoryView[],
  buildings: [] as BuildingView[],
  submitted: false,
  /** Names the upload folder; from member.me. */
  memberId: '',
  /** Fetched on load so the submit tap can ask for consent without waiting. */
  templates: [] as TemplateRequest[],
  consentAsked: false,
}));

/**
 * A retry after a lost answer must not file the concern twice: the key stays with the draft
 * (and in storage with it) for as long as its content does.
 */
const submitForm = formSubmit(submitConcern, {
  fields: FIELDS,
  // An empty picker fails the id format rule; say what to do instead.
  whenEmpty: { category: '请选择分类', buildingId: '请选择楼栋' },
  messages: { NETWORK_ERROR: `${DEFAULT_MESSAGES.NETWORK_ERROR}。您填写的内容已保存，可直接再次提交。` },
});

/** The concern a CONFLICT says was already received under this draft's key, if it says so. */
function receivedConcern(details: unknown): { id: string; number: string } | null {
  const existing = (details as { existing?: { id?: unknown; number?: unknown } } | undefined)?.existing;
  return existing && typeof existing.id === 'string' && typeof existing.number === 'string' ? { id: existing.id, number: existing.number } : null;
}

function slaText(c: CategoryView): string {
  return `${c.contactHours}小时内联系，${c.resolveDays}天内办结`;
}

Component({
  data: {
    loading: true,
    loadError: '',
    needBind: false,
    canBind: false,
    categoryNames: [] as string[],
    categoryIndex: -1,
    sla: '',
    buildingNames: [] as string[],
    buildingIndex: -1,
    text: '',
    textLength: 0,
    max: CONCERN_TEXT_MAX,
    hideName: false,
    photos: [] as PhotoItem[],
    photoMax: CONCERN_PHOTOS_MAX,
    uploading: false,
    errors: emptyErrors(FIELDS),
    formError: '',
    /** The first version of this draft, received though its answer was lost (CONFLICT). */
    received: null as { id: string; number: string } | null,
    restored: false,
    submitting: false,
  },
  methods: {
    onLoad() {
      const draft = loadDraft(wx);
      if (draft) {
        const { idempotencyKey, ...content } = draft;
        submitForm(this).adopt(idempotencyKey, content);
        this.setData({
          text: draft.text,
          textLength: draft.text.length,
          hideName: draft.hideName,
          photos: pagePhotos(this).ownItems(draft.photos.slice(0, CONCERN_PHOTOS_MAX)),
          restored: draft.text.length > 0 || draft.photos.length > 0,
        });
      }
      void this.loadOptions(draft?.category ?? '', draft?.buildingId ?? '');
    },
    onHide() {
      this.keepDraft();
    },
    onUnload() {
      this.keepDraft();
    },
    async loadOptions(categoryId: string, buildingId: string) {
      this.setData({ loading: true, loadError: '' });
      const [me, categories, buildings] = await Promise.all([
        call(getMe, {}),
        collectPages((cursor) => call(listCategories, { cursor, limit: 50 })),
        collectPages((cursor) => call(listBuildings, { cursor, limit: 50 })),
      ]);
      if (!me.ok) {
        this.setData({ loading: false, loadError: me.error.message });
        return;
      }
      if (!allows(me.data.allowedActions, 'concern.submit')) {
        this.setData({
          loading: false,
          needBind: true,
          canBind: allows(me.data.allowedActions, 'member.requestBinding', 'member.redeemInvite'),
        });
        return;
      }
      if (!categories.ok || !buildings.ok) {
        const failed = !categories.ok ? categories : !buildings.ok ? buildings : undefined;
        this.setData({ loading: false, loadError: failed?.error.message ?? '' });
        return;
      }
      const s = state(this);
      s.memberId = me.data.memberId;
      void loadTemplates('concern.submit').then((t) => {
        s.templates = t;
      });
      void this.showRestoredPhotos();
      s.categories = categories.data;
      s.buildings = buildings.data;
      const categoryIndex = s.categories.findIndex((c) => c.id === categoryId);
      // Most concerns are about the resident's own building, so start there.
      const preferBuilding = buildingId || me.data.household?.buildingId || '';
      const buildingIndex = s.buildings.findIndex((b) => b.id === preferBuilding);
      const category = s.categories[categoryIndex];
      this.setData({
        loading: false,
        categoryNames: s.categories.map((c) => c.name),
        categoryIndex,
        sla: category ? slaText(category) : '',
        buildingNames: s.buildings.map((b) => b.name),
        buildingIndex,
      });
    },
    /** Photos restored from a draft are ids only: their addresses come from media.urls. */
    async showRestoredPhotos() {
      const cache = pagePhotos(this);
      const waiting = this.data.photos.filter((p) => p.src === '').map((p) => p.id);
      if (waiting.length === 0) return;
      await cache.load(waiting);
      const patch: Record<string, unknown> = {};
      this.data.photos.forEach((p, i) => {
        const src = p.src === '' ? cache.lookup(p.id) : undefined;
        if (src) patch[`photos[${i}]`] = { id: p.id, src, pending: false };
      });
      if (Object.keys(patch).length > 0) this.setData(patch);
    },
    retryLoad() {
      const input = this.currentInput();
      void this.loadOptions(input.category, input.buildingId);
    },
    onCategoryChange(e: WechatMiniprogram.PickerChange) {
      const index = Number(e.detail.value);
      const category = state(this).categories[index];
      if (!category) return;
      this.setData({ categoryIndex: index, sla: slaText(category), 'errors.category': '' });
    },
    onBuildingChange(e: WechatMiniprogram.PickerChange) {
      const index = Number(e.detail.value);
      if (!state(this).buildings[index]) return;
      this.setData({ buildingIndex: index, 'errors.buildingId': '' });
    },
    onTextInput(e: WechatMiniprogram.TextareaInput) {
      const text = e.detail.value;
      const patch: Record<string, unknown> = { text, textLength: text.length };
      if (this.data.errors.text) patch['errors.text'] = '';
      this.setData(patch);
    },
    onHideNameChange(e: WechatMiniprogram.SwitchChange) {
      this.setData({ hideName: e.detail.value });
    },
    async addPhoto() {
      if (this.data.uploading) return;
      this.setData({ uploading: true, 'errors.photos': '' });
      const res = await pickPhotos(this.data.photos.length, CONCERN_PHOTOS_MAX, state(this).memberId);
      const photos = this.data.photos.concat(res.photos).slice(0, CONCERN_PHOTOS_MAX);
      this.setData({ uploading: false, photos, 'errors.photos': res.error });
      // Uploaded ids go into the draft at once: a crash now must not cost the upload.
      if (res.fileIds.length > 0) this.keepDraft();
    },
    removePhoto(e: WechatMiniprogram.CustomEvent<{ index: number }>) {
      const i = Number(e.detail.index);
      this.setData({ photos: this.data.photos.filter((_, k) => k !== i) });
    },
    currentInput() {
      const s = state(this);
      return {
        category: s.categories[this.data.categoryIndex]?.id ?? '',
        text: this.data.text,
        buildingId: s.buildings[this.data.buildingIndex]?.id ?? '',
        hideName: this.data.hideName,
        photos: this.data.photos.map((p) => p.id),
      };
    },
    keepDraft() {
      const s = state(this);
      if (s.submitted) return;
      if (!this.data.text.trim() && this.data.photos.length === 0) {
        clearDraft(wx);
        return;
      }
      const input = this.currentInput();
      saveDraft(wx, { ...input, idempotencyKey: submitForm(this).keyFor(input) });
    },
    /**
     * The submit tap. Not async: WeChat's subscribe panel opens only from inside the tap,
     * so consent is asked here, before any await, and only for a form that will go out.
     */
    submit() {
      if (this.data.submitting || this.data.uploading) return;
      const s = state(this);
      const input = this.currentInput();
      let consent: Promise<void> = Promise.resolve();
      if (!s.consentAsked && checkNow(submitConcern, input).ok) {
        s.consentAsked = true;
        consent = askConsent(wx, s.templates);
      }
      void this.send(input, consent);
    },
    async send(input: ContractInput<typeof submitConcern>, consent: Promise<void>) {
      // Saved before sending, so a crash or a lost answer leaves the text and the key behind.
      this.keepDraft();
      // The resident answers WeChat's panel first; whatever they choose, the concern goes.
      if (this.data.received) this.setData({ received: null });
      const res = await submitForm(this).submit(input, consent);
      if (res && !res.ok) {
        // The key of a lost answer came back with other words: the first version is on file.
        // The message says so; the button opens it; another tap sends the edit under a new key.
        const received = receivedConcern(res.error.details);
        if (res.error.code === 'CONFLICT' && received) this.setData({ received });
      }
      if (!res?.ok) return;
      state(this).submitted = true;
      clearDraft(wx);
      this.setData({ restored: false });
      wx.redirectTo({ url: `/pages/concern-detail/index?id=${encodeURIComponent(res.data.id)}&created=1` });
    },
    openReceived() {
      const received = this.data.received;
      if (received) wx.navigateTo({ url: `/pages/concern-detail/index?id=${encodeURIComponent(received.id)}` });
    },
    goBind() {
      wx.navigateTo({ url: '/pages/bind/index' });
    },
  },
});
