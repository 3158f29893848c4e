import { call } from '../../services/api';
import type { ContractInput } from '../../core/action';
import { listCategories, type CategoryView } from '../../core/concern/contract';
import { getMe } from '../../core/member/contract';
import { logVisit, VISIT_BACKDATE_DAYS, VISIT_CHANNELS, VISIT_CHANNEL_LABELS } from '../../core/visit/contract';
import { DAY_MS, dayKey, dayStartOf } from '../../services/date-strip';
import { emptyErrors } from '../../services/form';
import { formSubmit } from '../../services/form-submit';
import { collectPages } from '../../services/paging';
import { instanceState } from '../../services/page-state';
import type { Picked } from '../components/member-picker/index';

const FIELDS = ['householdId', 'visitor', 'visitedAt', 'channel', 'topics', 'notes', 'needsAction'] as const;
const CHANNELS = VISIT_CHANNELS.map((value) => ({ value, label: VISIT_CHANNEL_LABELS[value] }));

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { key?: string }>;
type FieldInput = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: string }>;

/** Not rendered: the household's id and the categories behind the chips and the picker. */
const state = instanceState(() => ({ householdId: '', categories: [] as CategoryView[] }));

/** One key per draft: a retried log makes one visit and files one concern. */
const visitForm = formSubmit(logVisit, {
  fields: FIELDS,
  whenEmpty: { householdId: '请先找到住户', channel: '请选择走访方式', topics: '请至少选择一个话题' },
});

const pad = (n: number) => String(n).padStart(2, '0');
/** 「09:30」 in Beijing time. */
const clockOf = (instant: number) => {
  const d = new Date(instant + 8 * 3600_000);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};
const at = (date: string, time: string) => dayStartOf(date) + (Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))) * 60_000;

const EMPTY_FORM = { visitor: 'self', partyName: '', channel: '', notes: '', needsAction: false, actionText: '' };

/**
 * 登记走访 (党员问事): the household found by 楼栋 → 单元 → 房号 as 代办 finds it, who went
 * (oneself or a Party member, by name), when, how, what was talked about, notes, and — if the
 * household asked for something — the words that become a concern in its name. Big targets,
 * plain words, no ids on screen; no location is taken.
 */
Component({
  data: {
    loaded: false,
    error: '',
    gridIds: [] as string[],
    pickedLabel: '',
    channels: CHANNELS,
    topics: [] as Array<{ id: string; name: string; on: boolean }>,
    categoryNames: [] as string[],
    actionCategoryIndex: -1,
    date: '',
    time: '',
    dateStart: '',
    dateEnd: '',
    form: { ...EMPTY_FORM },
    errors: emptyErrors(FIELDS),
    formError: '',
    submitting: false,
    result: '',
    resultConcernId: '',
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      if (options.householdId) {
        state(this).householdId = decodeURIComponent(options.householdId);
        this.setData({ pickedLabel: options.label ? decodeURIComponent(options.label) : '已选住户' });
      }
      void this.init();
    },
    async init() {
      const now = Date.now();
      const [me, categories] = await Promise.all([call(getMe, {}), collectPages((cursor) => call(listCategories, { cursor, limit: 50 }))]);
      if (!me.ok || !categories.ok) {
        this.setData({ loaded: true, error: !me.ok ? me.error.message : categories.ok ? '' : categories.error.message });
        return;
      }
      state(this).categories = categories.data.filter((c) => c.active !== false);
      this.setData({
        loaded: true,
        error: '',
        gridIds: me.data.roles.includes('admin') ? [] : me.data.gridIds,
        topics: state(this).categories.map((c) => ({ id: c.id, name: c.name, on: false })),
        categoryNames: state(this).categories.map((c) => c.name),
        date: dayKey(now),
        time: clockOf(now),
        dateStart: dayKey(now - VISIT_BACKDATE_DAYS * DAY_MS),
        dateEnd: dayKey(now),
      });
    },
    onPick(e: WechatMiniprogram.CustomEvent<Picked>) {
      state(this).householdId = e.detail.householdId ?? '';
      this.setData({ pickedLabel: e.detail.address ?? e.detail.label, 'errors.householdId': '', result: '' });
    },
    onVisitor(e: Tap) {
      this.setData({ 'form.visitor': e.currentTarget.dataset.key ?? 'self', 'errors.visitor': '' });
    },
    onChannel(e: Tap) {
      this.setData({ 'form.channel': e.currentTarget.dataset.key ?? '', 'errors.channel': '' });
    },
    onTopic(e: Tap) {
      const i = this.data.topics.findIndex((t) => t.id === e.currentTarget.dataset.key);
      if (i < 0) return;
      const on = !this.data.topics[i].on;
      const patch: Record<string, unknown> = { [`topics[${i}].on`]: on, 'errors.topics': '' };
      // The first topic ticked is what a needed action is most likely about.
      if (on && this.data.actionCategoryIndex < 0) patch.actionCategoryIndex = i;
      this.setData(patch);
    },
    onField(e: FieldInput) {
      const field = e.currentTarget.dataset.field;
      if (!field || !(field in this.data.form)) return;
      const errorKey = field === 'partyName' ? 'visitor' : field === 'actionText' ? 'needsAction' : field;
      this.setData({ [`form.${field}`]: e.detail.value, [`errors.${errorKey}`]: '' });
    },
    onWhen(e: WechatMiniprogram.PickerChange & { currentTarget: { dataset: { field?: string } } }) {
      const field = e.currentTarget.dataset.field;
      if (field !== 'date' && field !== 'time') return;
      this.setData({ [field]: String(e.detail.value), 'errors.visitedAt': '' });
    },
    onNeedsAction(e: WechatMiniprogram.SwitchChange) {
      this.setData({ 'form.needsAction': e.detail.value, 'errors.needsAction': '' });
    },
    onActionCategory(e: WechatMiniprogram.PickerChange) {
      this.setData({ actionCategoryIndex: Number(e.detail.value), 'errors.needsAction': '' });
    },
    async submit() {
      const f = this.data.form;
      const input: Record<string, unknown> = {
        householdId: state(this).householdId,
        visitor: f.visitor === 'partyMember' ? { kind: 'partyMember', name: f.partyName } : { kind: 'self' },
        visitedAt: at(this.data.date, this.data.time),
        channel: f.channel,
        topics: this.data.topics.filter((t) => t.on).map((t) => t.id),
      };
      if (f.notes.trim()) input.notes = f.notes;
      if (f.needsAction) input.needsAction = { category: state(this).categories[this.data.actionCategoryIndex]?.id ?? '', text: f.actionText };
      const res = await visitForm(this).submit(input as ContractInput<typeof logVisit>);
      if (!res?.ok) return;
      const v = res.data;
      this.setData({
        form: { ...EMPTY_FORM },
        topics: this.data.topics.map((t) => ({ ...t, on: false })),
        actionCategoryIndex: -1,
        result: v.concern ? `走访已登记。需要办理的事已代为登记诉求，受理编号 ${v.concern.number}。` : '走访已登记。',
        resultConcernId: v.concern?.id ?? '',
      });
    },
    openConcern() {
      if (this.data.resultConcernId) wx.navigateTo({ url: `/staff/concern/index?id=${encodeURIComponent(this.data.resultConcernId)}` });
    },
  },
});
