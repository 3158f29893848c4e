import { call } from '../../services/api';
import { getMe, redeemInvite, requestBinding, type BindingRequestView } from '../../core/member/contract';
import {
  listBuildings,
  listCommunities,
  type BuildingView,
  type CommunityView,
} from '../../core/community/contract';
import { dateText } from '../../services/dates';
import { allows, BINDING_STATUS_LABELS, formatAddress } from '../../services/view';
import { collectPages } from '../../services/paging';
import { emptyErrors } from '../../services/form';
import { formSubmit } from '../../services/form-submit';
import { instanceState } from '../../services/page-state';
import { askConsent, loadTemplates } from '../../services/consent';
import { checkNow } from '../../services/schemas';
import type { ContractInput } from '../../core/action';
import type { TemplateRequest } from '../../core/notify/contract';

const FIELDS = ['communityId', 'buildingId', 'unit', 'room', 'name'] as const;

const redeemForm = formSubmit(redeemInvite, { fields: ['code', 'name'], keys: { errors: 'codeErrors', message: 'codeError', busy: 'redeeming' } });
/** One key per application: a retry after a lost answer must not file it twice. */
const requestForm = formSubmit(requestBinding, {
  fields: FIELDS,
  // The schema speaks of ids; the resident sees pickers.
  whenEmpty: { communityId: '请选择社区', buildingId: '请选择楼栋' },
});

interface PendingView {
  statusLabel: string;
  address: string;
  name: string;
  createdText: string;
  reason: string;
  waiting: boolean;
}

function pendingView(r: BindingRequestView): PendingView {
  return {
    statusLabel: BINDING_STATUS_LABELS[r.status] ?? r.status,
    address: formatAddress(r),
    name: r.name,
    createdText: dateText(r.createdAt),
    reason: r.reason ?? '',
    waiting: r.status === 'pending',
  };
}

const state = instanceState(() => ({
  communities: [] as CommunityView[],
  buildings: [] as BuildingView[],
  buildingsOf: '',
  /** Fetched on load so the submit tap can ask for consent without waiting. */
  templates: [] as TemplateRequest[],
  /** Consent was asked for the application not yet filed: a retry, edited or not, is not asked again. */
  consentAsked: false,
}));

Component({
  data: {
    loaded: false,
    error: '',
    boundAddress: '',
    pending: null as PendingView | null,
    canRedeem: false,
    canRequest: false,
    mode: 'invite' as 'invite' | 'request',
    // Invite code
    code: '',
    /** An invite carries no name: the resident says how staff should address them (optional). */
    inviteName: '',
    codeErrors: emptyErrors(['code', 'name']),
    codeError: '',
    redeeming: false,
    done: '',
    canSubmitConcern: false,
    // Application
    communityNames: [] as string[],
    communityIndex: -1,
    buildingNames: [] as string[],
    buildingIndex: -1,
    unit: '',
    room: '',
    name: '',
    errors: emptyErrors(FIELDS),
    formError: '',
    submitting: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async load() {
      const res = await call(getMe, {});
      if (!res.ok) {
        this.setData({ loaded: true, error: res.error.message });
        return;
      }
      const me = res.data;
      const canRedeem = allows(me.allowedActions, 'member.redeemInvite');
      const canRequest = allows(me.allowedActions, 'member.requestBinding');
      this.setData({
        loaded: true,
        error: '',
        boundAddress: me.household ? formatAddress(me.household) : '',
        pending: me.pendingRequest ? pendingView(me.pendingRequest) : null,
        canRedeem,
        canRequest,
        mode: canRedeem ? 'invite' : 'request',
      });
      if (canRequest) {
        const s = state(this);
        void loadTemplates('member.requestBinding').then((t) => {
          s.templates = t;
        });
        await this.loadCommunities(me.community?.id ?? '');
      }
    },
    async loadCommunities(preferId: string) {
      const res = await collectPages((cursor) => call(listCommunities, { cursor, limit: 50 }));
      if (!res.ok) {
        this.setData({ formError: res.error.message });
        return;
      }
      const s = state(this);
      s.communities = res.data;
      // A single community is the usual deployment: choose it for the resident.
      const index = res.data.length === 1 ? 0 : res.data.findIndex((c) => c.id === preferId);
      this.setData({ communityNames: res.data.map((c) => c.name), communityIndex: index });
      if (index >= 0) await this.loadBuildings();
    },
    async loadBuildings() {
      const s = state(this);
      const community = s.communities[this.data.communityIndex];
      if (!community || s.buildingsOf === community.id) return;
      const res = await collectPages((cursor) => call(listBuildings, { communityId: community.id, cursor, limit: 50 }));
      if (!res.ok) {
        this.setData({ formError: res.error.message });
        return;
      }
      s.buildings = res.data;
      s.buildingsOf = community.id;
      this.setData({ buildingNames: res.data.map((b) => b.name), buildingIndex: -1 });
    },
    switchMode(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { mode: string }>) {
      const mode = e.currentTarget.dataset.mode === 'request' ? 'request' : 'invite';
      this.setData({ mode });
    },
    onCodeInput(e: WechatMiniprogram.Input) {
      this.setData({ code: e.detail.value, codeError: '', 'codeErrors.code': '' });
    },
    onInviteName(e: WechatMiniprogram.Input) {
      this.setData({ inviteName: e.detail.value, codeError: '', 'codeErrors.name': '' });
    },
    async redeem() {
      const name = this.data.inviteName.trim();
      const res = await redeemForm(this).submit({ code: this.data.code, ...(name ? { name } : {}) });
      if (!res?.ok) return;
      const address = res.data.household ? formatAddress(res.data.household) : '';
      this.setData({
        code: '',
        done: address ? `绑定成功：${address}` : '绑定成功',
        boundAddress: address,
        pending: null,
        canRedeem: false,
        canRequest: false,
        canSubmitConcern: allows(res.data.allowedActions, 'concern.submit'),
      });
    },
    async onCommunityChange(e: WechatMiniprogram.PickerChange) {
      const index = Number(e.detail.value);
      if (!state(this).communities[index]) return;
      this.setData({ communityIndex: index, 'errors.communityId': '' });
      await this.loadBuildings();
    },
    onBuildingChange(e: WechatMiniprogram.PickerChange) {
      const index = Number(e.detail.value);
      if (!state(this).buildings[index]) return;
      this.setData({ buildingIndex: index, 'errors.buildingId': '' });
    },
    onFieldInput(e: WechatMiniprogram.Input<Record<string, never>, { field: string }>) {
      const field = e.currentTarget.dataset.field;
      if (field !== 'unit' && field !== 'room' && field !== 'name') return;
      this.setData({ [field]: e.detail.value, [`errors.${field}`]: '' });
    },
    /**
     * The submit tap. Not async: WeChat's subscribe panel opens only from inside the tap,
     * so consent (to hear the review result) is asked here, before any await.
     */
    submitRequest() {
      if (this.data.submitting) return;
      const input = this.requestInput();
      const s = state(this);
      let consent: Promise<void> = Promise.resolve();
      if (!s.consentAsked && checkNow(requestBinding, input).ok) {
        s.consentAsked = true;
        consent = askConsent(wx, s.templates);
      }
      void this.sendRequest(input, consent);
    },
    requestInput(): ContractInput<typeof requestBinding> {
      const s = state(this);
      const community = s.communities[this.data.communityIndex];
      // Buildings belong to the community they were loaded for; a stale list must not mix.
      const building = s.buildingsOf === community?.id ? s.buildings[this.data.buildingIndex] : undefined;
      return {
        communityId: community?.id ?? '',
        buildingId: building?.id ?? '',
        unit: this.data.unit,
        room: this.data.room,
        name: this.data.name,
      };
    },
    async sendRequest(input: ContractInput<typeof requestBinding>, consent: Promise<void>) {
      // Whatever the resident chose in WeChat's panel, the application goes ahead.
      const res = await requestForm(this).submit(input, consent);
      if (!res?.ok) return;
      state(this).consentAsked = false;
      this.setData({ pending: pendingView(res.data) });
    },
    goSubmitConcern() {
      wx.redirectTo({ url: '/pages/concern-submit/index' });
    },
    goPrivacy() {
      wx.navigateTo({ url: '/pages/privacy/index' });
    },
    goBack() {
      wx.navigateBack({ delta: 1 });
    },
  },
});
