import { call } from '../../services/api';
import type { ContractInput } from '../../core/action';
import { listBuildings, listGrids, type BuildingView, type GridView } from '../../core/community/contract';
import { createMeeting } from '../../core/council/meeting-contract';
import { listMotions, type MotionView } from '../../core/council/motion-contract';
import { ballotUnitOf, BODY_ROLLS, BODY_RULES, meetingRule } from '../../core/council/quorum';
import { AGENDA_VOTE_MODE_LABELS, DEFAULT_PROXIES_PER_AGENT, MEETING_BODY_LABELS, MEETING_ROLL_LABELS, MIN_NOTICE_DAYS, type AgendaVoteMode, type MeetingBody, type MeetingRollKind } from '../../core/council/vocabulary';
import { CIVIL_CODE_278_MATTERS, RULE_LABELS, type Comparator, type RuleId } from '../../core/poll/rules';
import { itemErrors } from '../../services/booking-view';
import { DAY_MS, dayKey, dayStartOf } from '../../services/date-strip';
import { dateText } from '../../services/dates';
import { emptyErrors } from '../../services/form';
import { formSubmit } from '../../services/form-submit';
import { collectPages } from '../../services/paging';
import { instanceState } from '../../services/page-state';
import type { Picked } from '../components/member-picker/index';
import { ruleSentences } from '../polls/view';

const FIELDS = ['title', 'body', 'place', 'startsAt', 'endsAt', 'noticeDays', 'roll', 'rule', 'agenda', 'seats', 'secretaryId', 'proxiesPerAgent'] as const;

const BODIES = Object.keys(MEETING_BODY_LABELS) as MeetingBody[];
const MODES: AgendaVoteMode[] = ['hands', 'perPerson', 'none'];
type Scope = 'community' | 'grids' | 'buildings';
const SCOPE_LABELS: Record<Scope, string> = { community: '全社区', grids: '按网格', buildings: '按楼栋' };
const CMPS: Comparator[] = ['>', '>='];
const CMP_LABELS = ['超过', '以上'];

interface Choice {
  value: string;
  label: string;
}
interface Check extends Choice {
  checked: boolean;
}
interface ItemRow {
  key: string;
  /** A motion's title is the motion's own: shown, not typed. */
  fromMotion: boolean;
  motionText: string;
  title: string;
  text: string;
  voteMode: AgendaVoteMode | '';
  secret: boolean;
  optionsText: string;
  matterIndex: number;
}

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index?: number; field?: string }>;
type FieldInput = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: string; index?: number }>;
type Change = WechatMiniprogram.CustomEvent<{ value: string | string[] | boolean }, Record<string, never>, { field?: string; index?: number }>;

// Ids behind the pickers stay here: the page shows names, rooms and titles only.
const state = instanceState(() => ({
  grids: [] as GridView[],
  buildings: [] as BuildingView[],
  motions: [] as MotionView[],
  invitees: [] as Array<{ id: string; label: string }>,
  secretary: null as { id: string; label: string } | null,
  /** One motion id per agenda row that came from a motion, by row key. */
  itemMotions: new Map<string, string>(),
  nextKey: 0,
}));

const form = formSubmit(createMeeting, { fields: FIELDS, whenEmpty: { secretaryId: '请选择记录人', body: '请选择会议类型' } });

const at = (date: string, time: string) => dayStartOf(date) + (Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))) * 60_000;
const numberOrMissing = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s.trim()));
/** 「同意、不同意」, typed with 、，, or spaces between. */
const splitOptions = (s: string) => s.split(/[、，,\s]+/).map((x) => x.trim()).filter(Boolean);

function ruleChoices(body: MeetingBody | ''): Choice[] {
  return body ? BODY_RULES[body].map((r) => ({ value: r, label: RULE_LABELS[r] })) : [];
}
function rollChoices(body: MeetingBody | ''): Choice[] {
  return body ? BODY_ROLLS[body].map((k) => ({ value: k, label: MEETING_ROLL_LABELS[k] })) : [];
}

/**
 * 召集会议 (admins): which body meets — its rule packs and who may be on its roll follow,
 * and the least notice it needs is said, with the earliest day it allows — where and when,
 * who is on the roll (全社区, grids or buildings, or named invitees picked by name), the
 * agenda (motions past threshold, or the committee's own items; how each is voted; 业主大会
 * items name their matter of Art. 278), seats, the secretary picked by name, and how many
 * principals one agent may stand for. The roll freezes when the notice goes out.
 */
Component({
  data: {
    loading: true,
    error: '',
    title: '',
    bodyLabels: BODIES.map((b) => MEETING_BODY_LABELS[b]),
    bodyIndex: -1,
    body: '' as MeetingBody | '',
    minNotice: 0,
    noticeText: '',
    noticeDays: '',
    rules: [] as Choice[],
    rule: '',
    ruleLines: [] as string[],
    customName: '',
    partNum: '2',
    partDen: '3',
    partCmp: 1,
    apprNum: '1',
    apprDen: '2',
    apprCmp: 0,
    cmpLabels: CMP_LABELS,
    rollKinds: [] as Choice[],
    rollKind: '' as MeetingRollKind | '',
    scopes: (Object.keys(SCOPE_LABELS) as Scope[]).map((s) => ({ value: s, label: SCOPE_LABELS[s] })) as Choice[],
    scope: 'community' as Scope,
    grids: [] as Check[],
    buildings: [] as Check[],
    invitees: [] as Array<{ label: string }>,
    place: '',
    today: '',
    startDate: '',
    startTime: '19:00',
    endDate: '',
    endTime: '21:00',
    items: [] as ItemRow[],
    itemErrors: {} as Record<number, string>,
    modes: MODES.map((m) => ({ value: m, label: AGENDA_VOTE_MODE_LABELS[m] })) as Choice[],
    matterLabels: CIVIL_CODE_278_MATTERS.map((m, i) => `第${i + 1}项：${m}`),
    motionLabels: [] as string[],
    motionsError: '',
    seatsOn: false,
    seats: '',
    secretaryText: '',
    secretaryRoles: ['admin', 'gridWorker'],
    proxyLabels: ['每位受托人最多代1人', '最多代2人', '最多代3人'],
    proxyIndex: DEFAULT_PROXIES_PER_AGENT - 1,
    errors: emptyErrors(FIELDS),
    formError: '',
    submitting: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async load() {
      this.setData({ loading: true, error: '' });
      const [grids, buildings, motions] = await Promise.all([
        collectPages((cursor) => call(listGrids, { cursor, limit: 50 })),
        collectPages((cursor) => call(listBuildings, { cursor, limit: 50 })),
        collectPages((cursor) => call(listMotions, { when: 'open', cursor, limit: 50 }), 4),
      ]);
      if (!grids.ok || !buildings.ok) {
        this.setData({ loading: false, error: (!grids.ok ? grids.error : !buildings.ok ? buildings.error : { message: '' }).message || '加载失败' });
        return;
      }
      const s = state(this);
      s.grids = grids.data;
      s.buildings = buildings.data;
      // Only a motion past its threshold and not yet on an agenda can be scheduled.
      s.motions = motions.ok ? motions.data.filter((m) => m.status === 'thresholdMet') : [];
      const gridName = new Map(grids.data.map((g) => [g.id, g.name]));
      const now = Date.now();
      this.setData({
        loading: false,
        grids: s.grids.map((g) => ({ value: g.id, label: g.name, checked: false })),
        buildings: s.buildings.map((b) => ({ value: b.id, label: gridName.has(b.gridId) ? `${b.name}（${gridName.get(b.gridId)}）` : b.name, checked: false })),
        motionLabels: s.motions.map((m) => `${m.title}（${m.supportText}）`),
        motionsError: motions.ok ? '' : motions.error.message,
        today: dayKey(now),
        startDate: dayKey(now + 3 * DAY_MS),
        endDate: dayKey(now + 3 * DAY_MS),
      });
    },
    onField(e: FieldInput) {
      const field = e.currentTarget.dataset.field;
      if (!field || !['title', 'place', 'noticeDays', 'seats', 'customName', 'partNum', 'partDen', 'apprNum', 'apprDen'].includes(field)) return;
      const errorOf: Record<string, string> = { customName: 'rule', partNum: 'rule', partDen: 'rule', apprNum: 'rule', apprDen: 'rule' };
      this.setData({ [field]: e.detail.value, [`errors.${errorOf[field] ?? field}`]: '' });
      if (field === 'noticeDays') this.refreshNotice();
      if (errorOf[field]) this.refreshRule();
    },

    // —— the body, its rule and its roll ——
    onBody(e: Change) {
      const body = BODIES[Number(e.detail.value)];
      if (!body) return;
      const rules = ruleChoices(body);
      const rollKinds = rollChoices(body);
      this.setData({
        bodyIndex: Number(e.detail.value),
        body,
        rules,
        // The body's usual pack first; a kind of roll the body cannot have is dropped.
        rule: rules[0]?.value ?? '',
        rollKinds,
        rollKind: rollKinds.length === 1 ? (rollKinds[0].value as MeetingRollKind) : rollKinds.some((k) => k.value === this.data.rollKind) ? this.data.rollKind : '',
        minNotice: MIN_NOTICE_DAYS[body],
        'errors.body': '',
        'errors.rule': '',
        'errors.roll': '',
      });
      // A start inside the notice period would only be refused: move it to the first day allowed.
      const earliest = dayKey(Date.now() + MIN_NOTICE_DAYS[body] * DAY_MS);
      if (this.data.startDate < earliest) this.setData({ startDate: earliest, ...(this.data.endDate < earliest ? { endDate: earliest } : {}) });
      this.refreshNotice();
      this.refreshRule();
    },
    refreshNotice() {
      const d = this.data;
      if (!d.body) return;
      const typed = numberOrMissing(d.noticeDays);
      const days = typed !== undefined && Number.isInteger(typed) && typed >= d.minNotice ? typed : d.minNotice;
      const earliest = Date.now() + days * DAY_MS;
      this.setData({
        noticeText: d.minNotice > 0
          ? `${MEETING_BODY_LABELS[d.body]}须至少提前${d.minNotice}天发通知；现在发通知，最早可在${dateText(earliest)}以后开会。`
          : `${MEETING_BODY_LABELS[d.body]}可当天通知开会。`,
      });
    },
    onRule(e: Change) {
      this.setData({ rule: String(e.detail.value), 'errors.rule': '' });
      this.refreshRule();
    },
    onCmp(e: Change) {
      const field = e.currentTarget.dataset.field;
      if (field !== 'partCmp' && field !== 'apprCmp') return;
      this.setData({ [field]: Number(e.detail.value), 'errors.rule': '' });
      this.refreshRule();
    },
    customInput() {
      const d = this.data;
      return {
        name: d.customName,
        participation: { num: numberOrMissing(d.partNum), den: numberOrMissing(d.partDen), cmp: CMPS[d.partCmp] },
        approval: { num: numberOrMissing(d.apprNum), den: numberOrMissing(d.apprDen), cmp: CMPS[d.apprCmp] },
      };
    },
    /** The chosen rule in plain sentences, as the meeting will freeze it. */
    refreshRule() {
      const d = this.data;
      const id = d.rule as RuleId;
      const unit = ballotUnitOf((d.rollKind || 'household') as MeetingRollKind);
      let lines: string[] = [];
      try {
        if (id === 'Custom') {
          const c = this.customInput();
          const ok = (f: { num?: number; den?: number }) => Number.isInteger(f.num) && Number.isInteger(f.den) && (f.den as number) > 0 && (f.num as number) <= (f.den as number);
          if (ok(c.participation) && ok(c.approval)) lines = ruleSentences(meetingRule('Custom', { custom: { name: c.name.trim() || RULE_LABELS.Custom, participation: c.participation as { num: number; den: number; cmp: Comparator }, approval: c.approval as { num: number; den: number; cmp: Comparator } } }), unit);
        } else if (id === 'CivilCode-278') {
          // Each item's own matter sets its tier: said per item, not here.
          lines = ['每项议程按所选的《民法典》第二百七十八条事项确定通过比例（面积和人数双过）。'];
        } else if (id) lines = ruleSentences(meetingRule(id), unit);
      } catch {
        lines = [];
      }
      this.setData({ ruleLines: lines });
    },
    onRollKind(e: Change) {
      this.setData({ rollKind: String(e.detail.value) as MeetingRollKind, 'errors.roll': '' });
      this.refreshRule();
    },
    onScope(e: Change) {
      this.setData({ scope: String(e.detail.value) as Scope, 'errors.roll': '' });
    },
    onGrids(e: Change) {
      const chosen = e.detail.value as string[];
      this.setData({ grids: this.data.grids.map((g) => ({ ...g, checked: chosen.includes(g.value) })), 'errors.roll': '' });
    },
    onBuildings(e: Change) {
      const chosen = e.detail.value as string[];
      this.setData({ buildings: this.data.buildings.map((b) => ({ ...b, checked: chosen.includes(b.value) })), 'errors.roll': '' });
    },
    onPickInvitee(e: WechatMiniprogram.CustomEvent<Picked>) {
      const { memberId, label } = e.detail;
      const s = state(this);
      if (!memberId || s.invitees.some((p) => p.id === memberId)) return;
      s.invitees = [...s.invitees, { id: memberId, label }];
      this.setData({ invitees: s.invitees.map((p) => ({ label: p.label })), 'errors.roll': '' });
    },
    removeInvitee(e: Tap) {
      const s = state(this);
      const i = Number(e.currentTarget.dataset.index);
      s.invitees = s.invitees.filter((_, j) => j !== i);
      this.setData({ invitees: s.invitees.map((p) => ({ label: p.label })) });
    },

    // —— when ——
    onWhen(e: FieldInput) {
      const field = e.currentTarget.dataset.field;
      if (!field || !['startDate', 'startTime', 'endDate', 'endTime'].includes(field)) return;
      const patch: Record<string, unknown> = { [field]: e.detail.value, [`errors.${field.startsWith('start') ? 'startsAt' : 'endsAt'}`]: '' };
      // Most meetings end the day they start: the end date follows the start.
      if (field === 'startDate' && this.data.endDate < e.detail.value) patch.endDate = e.detail.value;
      this.setData(patch);
    },

    // —— the agenda ——
    newKey() {
      const s = state(this);
      s.nextKey += 1;
      return `i${s.nextKey}`;
    },
    addFromMotion(e: Change) {
      const s = state(this);
      const m = s.motions[Number(e.detail.value)];
      if (!m || [...s.itemMotions.values()].includes(m.id)) return;
      const key = this.newKey();
      s.itemMotions.set(key, m.id);
      this.setData({ items: [...this.data.items, this.blankItem(key, m)], itemErrors: {}, 'errors.agenda': '' });
    },
    addFree() {
      this.setData({ items: [...this.data.items, this.blankItem(this.newKey(), null)], itemErrors: {}, 'errors.agenda': '' });
    },
    blankItem(key: string, m: MotionView | null): ItemRow {
      return { key, fromMotion: !!m, motionText: m ? `${m.title}（${m.moverName}提议，${m.supportText}）` : '', title: '', text: '', voteMode: '', secret: false, optionsText: '同意、不同意', matterIndex: -1 };
    },
    removeItem(e: Tap) {
      const i = Number(e.currentTarget.dataset.index);
      const row = this.data.items[i];
      if (!row) return;
      state(this).itemMotions.delete(row.key);
      this.setData({ items: this.data.items.filter((_, j) => j !== i), itemErrors: {} });
    },
    onItemField(e: FieldInput) {
      const i = Number(e.currentTarget.dataset.index);
      const field = e.currentTarget.dataset.field;
      if (!this.data.items[i] || !field || !['title', 'text', 'optionsText'].includes(field)) return;
      this.setData({ [`items[${i}].${field}`]: e.detail.value, [`itemErrors.${i}`]: '' });
    },
    onItemMode(e: Change) {
      const i = Number(e.currentTarget.dataset.index);
      if (!this.data.items[i]) return;
      const mode = String(e.detail.value) as AgendaVoteMode;
      // A show of hands is never secret.
      this.setData({ [`items[${i}].voteMode`]: mode, ...(mode === 'hands' ? { [`items[${i}].secret`]: false } : {}), [`itemErrors.${i}`]: '' });
    },
    onItemSecret(e: Change) {
      const i = Number(e.currentTarget.dataset.index);
      if (this.data.items[i]) this.setData({ [`items[${i}].secret`]: e.detail.value === true, [`itemErrors.${i}`]: '' });
    },
    onItemMatter(e: Change) {
      const i = Number(e.currentTarget.dataset.index);
      if (this.data.items[i]) this.setData({ [`items[${i}].matterIndex`]: Number(e.detail.value), [`itemErrors.${i}`]: '' });
    },

    // —— seats, secretary, proxies ——
    onSeatsOn(e: Change) {
      this.setData({ seatsOn: e.detail.value === true, 'errors.seats': '' });
    },
    onPickSecretary(e: WechatMiniprogram.CustomEvent<Picked>) {
      const { memberId, label } = e.detail;
      if (!memberId) return;
      state(this).secretary = { id: memberId, label };
      this.setData({ secretaryText: label, 'errors.secretaryId': '' });
    },
    onProxies(e: Change) {
      this.setData({ proxyIndex: Number(e.detail.value) });
    },

    /** What meeting.create gets; what is not chosen goes as missing, so the schema names it. */
    input(): ContractInput<typeof createMeeting> {
      const d = this.data;
      const s = state(this);
      const ids =
        d.scope === 'grids' ? d.grids.filter((g) => g.checked).map((g) => g.value)
        : d.scope === 'buildings' ? d.buildings.filter((b) => b.checked).map((b) => b.value)
        : [];
      const invitees = d.rollKind === 'invitees';
      const rule: Record<string, unknown> = { id: d.rule || undefined };
      if (d.rule === 'Custom') rule.custom = this.customInput();
      const input: Record<string, unknown> = {
        title: d.title,
        body: d.body || undefined,
        place: d.place,
        startsAt: at(d.startDate, d.startTime),
        endsAt: at(d.endDate, d.endTime),
        noticeDays: numberOrMissing(d.noticeDays),
        roll: {
          kind: d.rollKind || undefined,
          scope: invitees ? 'community' : d.scope,
          ids: invitees ? [] : ids,
          inviteeIds: invitees ? s.invitees.map((p) => p.id) : [],
        },
        rule,
        agenda: d.items.map((row) => {
          const motionId = s.itemMotions.get(row.key);
          const item: Record<string, unknown> = {
            text: row.text,
            voteMode: row.voteMode || undefined,
            secret: row.voteMode === 'perPerson' && row.secret,
            options: splitOptions(row.optionsText),
          };
          if (motionId) item.motionId = motionId;
          else item.title = row.title.trim() === '' ? undefined : row.title;
          if (d.body === 'ownersAssembly' && row.matterIndex >= 0) item.matter = row.matterIndex + 1;
          return item;
        }),
        seats: d.seatsOn ? numberOrMissing(d.seats) ?? null : null,
        secretaryId: s.secretary?.id ?? '',
        proxiesPerAgent: d.proxyIndex + 1,
      };
      return input as ContractInput<typeof createMeeting>;
    },
    async submit() {
      const d = this.data;
      // An owners' item decided without its matter has no tier of approval: say so at the item.
      if (d.body === 'ownersAssembly') {
        const missing: Record<number, string> = {};
        d.items.forEach((row, i) => { if (row.voteMode && row.voteMode !== 'none' && row.matterIndex < 0) missing[i] = '请选择表决事项（决定通过比例）'; });
        if (Object.keys(missing).length) {
          this.setData({ itemErrors: missing, formError: '有议程没有选择表决事项' });
          return;
        }
      }
      this.setData({ itemErrors: {} });
      const res = await form(this).submit(this.input());
      if (!res) return;
      if (!res.ok) {
        this.setData({ itemErrors: itemErrors(res.error, 'agenda') });
        return;
      }
      wx.showToast({ title: '已发通知', icon: 'success' });
      wx.redirectTo({ url: `/staff/meeting-run/index?meetingId=${encodeURIComponent(res.data.id)}` });
    },
  },
});
