import { call } from '../../services/api';
import type { ContractInput } from '../../core/action';
import { FILING_CHANNELS, FILING_CHANNEL_LABELS } from '../../core/channels';
import { fileConcernFor, listCategories, type CategoryView } from '../../core/concern/contract';
import { getMe } from '../../core/member/contract';
import { emptyErrors } from '../../services/form';
import { formSubmit } from '../../services/form-submit';
import { collectPages } from '../../services/paging';
import { instanceState } from '../../services/page-state';
import type { Picked } from '../components/member-picker/index';

const FIELDS = ['householdId', 'residentId', 'contactName', 'category', 'text', 'channel', 'reason'] as const;
const CHANNELS = FILING_CHANNELS.map((value) => ({ value, label: FILING_CHANNEL_LABELS[value] }));

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { key?: string }>;
type FieldInput = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: string }>;

/** Not rendered: the ids behind the pick and the category picker. */
const state = instanceState(() => ({ picked: null as Picked | null, categories: [] as CategoryView[] }));

/** One key per draft: a retry after a lost answer files the concern once. */
const fileForm = formSubmit(fileConcernFor, {
  fields: FIELDS,
  whenEmpty: { householdId: '请先找到居民', category: '请选择分类' },
});

/**
 * 代办: a resident phones, visits or comes to the window. Find them by 楼栋 → 单元 → 房号 or
 * by name, then 说事 (file the concern for them) or 预约 (book a service for them), saying
 * how they asked and why. Large text, one path, no ids on screen.
 */
Component({
  data: {
    loaded: false,
    error: '',
    gridIds: [] as string[],
    pickedLabel: '',
    onApp: true,
    canBook: false,
    task: '',
    categoryNames: [] as string[],
    categoryIndex: -1,
    channels: CHANNELS,
    form: { contactName: '', text: '', channel: '', reason: '' },
    errors: emptyErrors(FIELDS),
    formError: '',
    submitting: false,
    result: '',
    resultId: '',
  },
  methods: {
    onLoad() {
      void this.init();
    },
    async init() {
      const [me, categories] = await Promise.all([call(getMe, {}), collectPages((cursor) => call(listCategories, { cursor, limit: 50 }))]);
      if (!me.ok || !categories.ok) {
        this.setData({ loaded: true, error: !me.ok ? me.error.message : categories.ok ? '' : categories.error.message });
        return;
      }
      state(this).categories = categories.data.filter((c) => c.active !== false);
      this.setData({
        loaded: true,
        error: '',
        // A grid worker is offered the buildings of their grids; an admin every building.
        gridIds: me.data.roles.includes('admin') ? [] : me.data.gridIds,
        categoryNames: state(this).categories.map((c) => c.name),
      });
    },
    onPick(e: WechatMiniprogram.CustomEvent<Picked>) {
      state(this).picked = e.detail;
      fileForm(this).clear();
      this.setData({ pickedLabel: e.detail.label, onApp: e.detail.onApp, canBook: !!e.detail.memberId, task: '', result: '', resultId: '' });
    },
    chooseTask(e: Tap) {
      const task = e.currentTarget.dataset.key ?? '';
      const p = state(this).picked;
      if (task === 'book') {
        if (!p?.memberId) return;
        // Booking happens where the slots are; the resident goes along, picked already.
        wx.navigateTo({ url: `/staff/service-day/index?residentId=${encodeURIComponent(p.memberId)}&residentLabel=${encodeURIComponent(p.label)}` });
        return;
      }
      this.setData({ task });
    },
    onField(e: FieldInput) {
      const field = e.currentTarget.dataset.field;
      if (!field || !(field in this.data.form)) return;
      this.setData({ [`form.${field}`]: e.detail.value, [`errors.${field}`]: '' });
    },
    onCategory(e: WechatMiniprogram.PickerChange) {
      this.setData({ categoryIndex: Number(e.detail.value), 'errors.category': '' });
    },
    onChannel(e: Tap) {
      this.setData({ 'form.channel': e.currentTarget.dataset.key ?? '', 'errors.channel': '' });
    },
    async submit() {
      const p = state(this).picked;
      const f = this.data.form;
      const category = state(this).categories[this.data.categoryIndex];
      // Every field goes even when empty, so the shared schema says what is missing.
      const input: Record<string, unknown> = { householdId: p?.householdId ?? '', category: category?.id ?? '', text: f.text, channel: f.channel, reason: f.reason };
      if (p?.memberId) input.residentId = p.memberId;
      else if (f.contactName.trim()) input.contactName = f.contactName;
      const res = await fileForm(this).submit(input as ContractInput<typeof fileConcernFor>);
      if (!res?.ok) return;
      const c = res.data;
      const who = c.assignee ? `已分派给${c.assignee.name}` : '已转社区统一受理';
      this.setData({
        task: '',
        form: { contactName: '', text: '', channel: '', reason: '' },
        categoryIndex: -1,
        result: `已登记，受理编号 ${c.number}，${who}。${this.data.onApp ? '居民会在小程序里收到通知。' : '请电话告知居民受理编号。'}`,
        resultId: c.id,
      });
    },
    openResult() {
      if (this.data.resultId) wx.navigateTo({ url: `/staff/concern/index?id=${encodeURIComponent(this.data.resultId)}` });
    },
  },
});
