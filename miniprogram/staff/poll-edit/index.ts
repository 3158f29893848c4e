import { call } from '../../services/api';
import type { ContractInput } from '../../core/action';
import { listBuildings, listGrids, type BuildingView, type GridView } from '../../core/community/contract';
import { getMe } from '../../core/member/contract';
import { createPoll, POLL_OPTION_LIMIT } from '../../core/poll/contract';
import { CIVIL_CODE_278_MATTERS, freezeRule, HEAD_COUNT_LABELS, parseArea, RULE_LABELS, RULE_UNITS, type BallotUnit, type Comparator, type FrozenRule, type HeadCount, type RuleId } from '../../core/poll/rules';
import { CHANNEL_LABELS, SECRET_LABELS, UNIT_LABELS, type PollChannel } from '../../core/poll/vocabulary';
import { itemErrors } from '../../services/booking-view';
import { DAY_MS, dayKey, dayStartOf } from '../../services/date-strip';
import { emptyErrors } from '../../services/form';
import { formSubmit } from '../../services/form-submit';
import { collectPages } from '../../services/paging';
import { instanceState } from '../../services/page-state';
import type { Picked } from '../components/member-picker/index';
import { dryRun, dryRunNeedsArea, ruleSentences, unitWord } from '../polls/view';

const FIELDS = ['title', 'description', 'options', 'minPicks', 'maxPicks', 'openTextLabel', 'unit', 'eligibility', 'secret', 'rule', 'channels', 'opensAt', 'closesAt'] as const;

type Scope = 'community' | 'grids' | 'buildings' | 'households';
const UNITS: BallotUnit[] = ['household', 'person', 'ownerUnit'];
const RULES: RuleId[] = ['URC-2018', 'VillageOrg', 'CivilCode-278', 'Custom', 'none'];
const CHANNELS: PollChannel[] = ['app', 'paper', 'meeting', 'hands'];
const HEAD_COUNTS: HeadCount[] = ['perOwner', 'perUnit'];
const SCOPE_LABELS: Record<Scope, string> = { community: '全社区', grids: '按网格', buildings: '按楼栋', households: '指定住户' };
const CMP_LABELS: Record<Comparator, string> = { '>': '超过', '>=': '以上' };
const CMPS: Comparator[] = ['>', '>='];

interface Choice {
  value: string;
  label: string;
}
interface Check extends Choice {
  checked: boolean;
}
interface OptionRow {
  key: string;
  label: string;
}

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index?: number; field?: string; value?: string }>;
type FieldInput = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: string; index?: number }>;
type Change = WechatMiniprogram.CustomEvent<{ value: string | string[] | boolean | number }, Record<string, never>, { field?: string }>;

const state = instanceState(() => ({ grids: [] as GridView[], buildings: [] as BuildingView[], households: [] as Array<{ id: string; label: string }>, nextKey: 3 }));

const form = formSubmit(createPoll, { fields: FIELDS });

const at = (date: string, time: string) => dayStartOf(date) + (Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))) * 60_000;
/** '' stays missing, so the schema names the field; anything else goes as the number typed. */
const numberOrMissing = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s.trim()));

/** The rules a ballot unit may be decided under; none until the unit is chosen. */
const rulesFor = (unit: string): Choice[] => RULES.filter((r) => !!unit && RULE_UNITS[r].includes(unit as BallotUnit)).map((r) => ({ value: r, label: RULE_LABELS[r] }));

/**
 * 发起投票: what is asked (title, description, 2–12 options, one or several picks, an
 * optional open question), who counts (一户一票 / 每位成年居民一票 / 业主按专有部分) and who may
 * vote (全社区, grids, buildings or households — picked by name), secret or open, the rule it is
 * decided under (only those the ballot unit allows), how ballots come in, and when. The rule
 * is explained as it is chosen, with a 试算 of its thresholds for an expected roll and turnout.
 * Once it opens, the roll is frozen and nothing here can change.
 */
Component({
  data: {
    loading: true,
    error: '',
    isAdmin: false,
    /** The household finder's buildings: a grid worker's own grids; empty = all. */
    pickerGridIds: [] as string[],
    title: '',
    description: '',
    options: [{ key: 'o1', label: '' }, { key: 'o2', label: '' }] as OptionRow[],
    optionErrors: {} as Record<number, string>,
    optionRowIssues: false,
    optionLimit: POLL_OPTION_LIMIT,
    multiple: false,
    minPicks: '1',
    maxPicks: '2',
    openTextOn: false,
    openTextLabel: '',
    units: UNITS.map((u) => ({ value: u, label: UNIT_LABELS[u] })) as Choice[],
    unit: '',
    scopes: [] as Choice[],
    scope: 'community' as Scope,
    grids: [] as Check[],
    buildings: [] as Check[],
    households: [] as Array<{ label: string }>,
    secrets: [{ value: 'secret', label: SECRET_LABELS.secret }, { value: 'open', label: SECRET_LABELS.open }] as Choice[],
    secret: '',
    rules: rulesFor(''),
    rule: '',
    matterLabels: CIVIL_CODE_278_MATTERS.map((m, i) => `第${i + 1}项：${m}`),
    matterIndex: -1,
    headCounts: HEAD_COUNTS.map((h) => ({ value: h, label: HEAD_COUNT_LABELS[h] })) as Choice[],
    headCount: 'perOwner' as HeadCount,
    customName: '',
    partNum: '1',
    partDen: '2',
    partCmp: 0,
    apprNum: '1',
    apprDen: '2',
    apprCmp: 0,
    cmpLabels: CMPS.map((c) => CMP_LABELS[c]),
    channels: CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c], checked: c === 'app' })) as Check[],
    handsOnly: false,
    today: '',
    opensDate: '',
    opensTime: '08:00',
    closesDate: '',
    closesTime: '20:00',
    ruleName: '',
    ruleLines: [] as string[],
    calcRoll: '',
    calcTurnout: '',
    calcArea: '',
    calcTurnoutArea: '',
    calcNeedsArea: false,
    calcRollLabel: '名册上共有多少户',
    calcTurnoutLabel: '预计多少户参加',
    calcLines: [] as string[],
    calcVerdict: '',
    calcOk: true,
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
      const [me, grids, buildings] = await Promise.all([
        call(getMe, {}),
        collectPages((cursor) => call(listGrids, { cursor, limit: 50 })),
        collectPages((cursor) => call(listBuildings, { cursor, limit: 50 })),
      ]);
      if (!me.ok || !grids.ok || !buildings.ok) {
        this.setData({ loading: false, error: (!me.ok ? me.error : !grids.ok ? grids.error : !buildings.ok ? buildings.error : { message: '' }).message || '加载失败' });
        return;
      }
      const s = state(this);
      const isAdmin = me.data.roles.includes('admin');
      // A grid worker starts polls only within their own grids: offer those, nothing wider.
      s.grids = isAdmin ? grids.data : grids.data.filter((g) => me.data.gridIds.includes(g.id));
      const gridIds = new Set(s.grids.map((g) => g.id));
      s.buildings = isAdmin ? buildings.data : buildings.data.filter((b) => gridIds.has(b.gridId));
      const scopes = (['community', 'grids', 'buildings', 'households'] as Scope[]).filter((x) => isAdmin || x !== 'community');
      const gridName = new Map(grids.data.map((g) => [g.id, g.name]));
      const now = Date.now();
      this.setData({
        loading: false,
        isAdmin,
        pickerGridIds: isAdmin ? [] : me.data.gridIds,
        scopes: scopes.map((x) => ({ value: x, label: SCOPE_LABELS[x] })),
        scope: isAdmin ? 'community' : 'grids',
        grids: s.grids.map((g) => ({ value: g.id, label: g.name, checked: !isAdmin && s.grids.length === 1 })),
        buildings: s.buildings.map((b) => ({ value: b.id, label: gridName.has(b.gridId) ? `${b.name}（${gridName.get(b.gridId)}）` : b.name, checked: false })),
        today: dayKey(now),
        opensDate: dayKey(now + DAY_MS),
        closesDate: dayKey(now + 8 * DAY_MS),
      });
    },

    // —— what is asked ——
    onField(e: FieldInput) {
      const field = e.currentTarget.dataset.field;
      if (!field || !['title', 'description', 'openTextLabel', 'minPicks', 'maxPicks'].includes(field)) return;
      this.setData({ [field]: e.detail.value, [`errors.${field}`]: '', ...(field.endsWith('Picks') ? { 'errors.minPicks': '', 'errors.maxPicks': '' } : {}) });
    },
    onOption(e: FieldInput) {
      const i = Number(e.currentTarget.dataset.index);
      if (!this.data.options[i]) return;
      this.setData({ [`options[${i}].label`]: e.detail.value, [`optionErrors.${i}`]: '', 'errors.options': '' });
    },
    addOption() {
      const rows = this.data.options;
      if (rows.length >= POLL_OPTION_LIMIT) return;
      const s = state(this);
      s.nextKey += 1;
      this.setData({ options: [...rows, { key: `o${s.nextKey}`, label: '' }], optionErrors: {}, 'errors.options': '', 'errors.maxPicks': '' });
    },
    removeOption(e: Tap) {
      const i = Number(e.currentTarget.dataset.index);
      const rows = this.data.options;
      if (!(i >= 0 && i < rows.length) || rows.length <= 2) return;
      this.setData({ options: rows.filter((_, j) => j !== i), optionErrors: {}, 'errors.options': '', 'errors.maxPicks': '' });
    },
    onSwitch(e: Change) {
      const field = e.currentTarget.dataset.field;
      if (field !== 'multiple' && field !== 'openTextOn') return;
      const on = e.detail.value === true;
      if (field === 'multiple') {
        this.setData({ multiple: on, minPicks: '1', maxPicks: String(Math.min(2, this.data.options.length)), 'errors.minPicks': '', 'errors.maxPicks': '' });
      } else this.setData({ openTextOn: on, 'errors.openTextLabel': '' });
    },

    // —— who counts, who may vote ——
    onUnit(e: Change) {
      const unit = String(e.detail.value);
      const rules = rulesFor(unit);
      // A rule the new unit cannot be decided under is dropped, not silently kept.
      const rule = rules.some((r) => r.value === this.data.rule) ? this.data.rule : '';
      this.setData({ unit, rules, rule, 'errors.unit': '', 'errors.rule': '', 'errors.channels': '' });
      this.refreshRule();
    },
    onScope(e: Change) {
      this.setData({ scope: String(e.detail.value) as Scope, 'errors.eligibility': '' });
    },
    onGrids(e: Change) {
      const chosen = e.detail.value as string[];
      this.setData({ grids: this.data.grids.map((g) => ({ ...g, checked: chosen.includes(g.value) })), 'errors.eligibility': '' });
    },
    onBuildings(e: Change) {
      const chosen = e.detail.value as string[];
      this.setData({ buildings: this.data.buildings.map((b) => ({ ...b, checked: chosen.includes(b.value) })), 'errors.eligibility': '' });
    },
    onPickHousehold(e: WechatMiniprogram.CustomEvent<Picked>) {
      const { householdId, address, label } = e.detail;
      const s = state(this);
      if (!householdId || s.households.some((h) => h.id === householdId)) return;
      s.households = [...s.households, { id: householdId, label: address ?? label }];
      this.setData({ households: s.households.map((h) => ({ label: h.label })), 'errors.eligibility': '' });
    },
    removeHousehold(e: Tap) {
      const s = state(this);
      const i = Number(e.currentTarget.dataset.index);
      s.households = s.households.filter((_, j) => j !== i);
      this.setData({ households: s.households.map((h) => ({ label: h.label })) });
    },
    onSecret(e: Change) {
      this.setData({ secret: String(e.detail.value), 'errors.secret': '', 'errors.channels': '' });
    },

    // —— the rule ——
    onRule(e: Change) {
      this.setData({ rule: String(e.detail.value), 'errors.rule': '' });
      this.refreshRule();
    },
    onMatter(e: Change) {
      this.setData({ matterIndex: Number(e.detail.value), 'errors.rule': '' });
      this.refreshRule();
    },
    onHeadCount(e: Change) {
      this.setData({ headCount: String(e.detail.value) as HeadCount });
      this.refreshRule();
    },
    onCustom(e: FieldInput) {
      const field = e.currentTarget.dataset.field;
      if (!field || !['customName', 'partNum', 'partDen', 'apprNum', 'apprDen'].includes(field)) return;
      this.setData({ [field]: e.detail.value, 'errors.rule': '' });
      this.refreshRule();
    },
    onCmp(e: Change) {
      const field = e.currentTarget.dataset.field;
      if (field !== 'partCmp' && field !== 'apprCmp') return;
      this.setData({ [field]: Number(e.detail.value), 'errors.rule': '' });
      this.refreshRule();
    },
    onCalc(e: FieldInput) {
      const field = e.currentTarget.dataset.field;
      if (!field || !['calcRoll', 'calcTurnout', 'calcArea', 'calcTurnoutArea'].includes(field)) return;
      this.setData({ [field]: e.detail.value });
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
    /** The rule as it would be frozen, when enough is chosen to say; else null. */
    frozen(): FrozenRule | null {
      const d = this.data;
      const id = d.rule as RuleId;
      if (!id) return null;
      if (id === 'Custom') {
        const c = this.customInput();
        const ok = (f: { num?: number; den?: number }) => Number.isInteger(f.num) && Number.isInteger(f.den) && (f.den as number) > 0 && (f.num as number) <= (f.den as number);
        if (!ok(c.participation) || !ok(c.approval)) return null;
        return freezeRule('Custom', { custom: { name: c.name.trim() || RULE_LABELS.Custom, participation: c.participation as { num: number; den: number; cmp: Comparator }, approval: c.approval as { num: number; den: number; cmp: Comparator } } });
      }
      return freezeRule(id, { matter: d.matterIndex >= 0 ? d.matterIndex + 1 : undefined, headCount: d.headCount });
    },
    /** The plain words of the chosen rule and the 试算, computed on the device with rules.ts. */
    refreshRule() {
      const d = this.data;
      const rule = d.unit ? this.frozen() : null;
      if (!rule || (rule.id === 'CivilCode-278' && d.matterIndex < 0)) {
        this.setData({ ruleName: '', ruleLines: [], calcLines: [], calcVerdict: '', calcNeedsArea: false });
        return;
      }
      const unit = d.unit as BallotUnit;
      const calcNeedsArea = dryRunNeedsArea(rule);
      const whole = (s: string) => (/^\d{1,7}$/.test(s.trim()) ? Number(s.trim()) : NaN);
      const run = dryRun(rule, unit, {
        roll: whole(d.calcRoll),
        turnout: whole(d.calcTurnout),
        area: calcNeedsArea ? parseArea(d.calcArea) : null,
        turnoutArea: calcNeedsArea ? parseArea(d.calcTurnoutArea) : null,
      });
      const word = unitWord(unit, rule);
      const who = unit === 'household' ? '户' : unit === 'person' ? '位成年居民' : word === '套' ? '套专有部分' : '位业主';
      this.setData({
        calcRollLabel: `名册上共有多少${who}`,
        calcTurnoutLabel: `预计多少${who}参加`,
        ruleName: rule.name,
        ruleLines: ruleSentences(rule, unit),
        calcNeedsArea,
        calcLines: run?.lines ?? [],
        calcVerdict: run?.verdict ?? '',
        calcOk: run?.ok ?? true,
      });
    },

    // —— how and when ——
    onChannels(e: Change) {
      const chosen = e.detail.value as string[];
      const had = this.data.channels.some((c) => c.value === 'hands' && c.checked);
      // 举手 is a meeting's count on its own: choosing it sets the others aside, and back.
      const next = chosen.includes('hands') && !had ? ['hands'] : had && chosen.length > 1 ? chosen.filter((c) => c !== 'hands') : chosen;
      this.setData({ channels: this.data.channels.map((c) => ({ ...c, checked: next.includes(c.value) })), handsOnly: next.includes('hands'), 'errors.channels': '' });
    },
    onWhen(e: FieldInput) {
      const field = e.currentTarget.dataset.field;
      if (!field || !['opensDate', 'opensTime', 'closesDate', 'closesTime'].includes(field)) return;
      this.setData({ [field]: e.detail.value, [`errors.${field.startsWith('opens') ? 'opensAt' : 'closesAt'}`]: '' });
    },

    /** What poll.create gets; what is not chosen goes as missing, so the schema names it. */
    input(): ContractInput<typeof createPoll> {
      const d = this.data;
      const s = state(this);
      const rule: Record<string, unknown> = { id: d.rule || undefined };
      if (d.rule === 'CivilCode-278') {
        if (d.matterIndex >= 0) rule.matter = d.matterIndex + 1;
        rule.headCount = d.headCount;
      }
      if (d.rule === 'Custom') rule.custom = this.customInput();
      const ids =
        d.scope === 'grids' ? d.grids.filter((g) => g.checked).map((g) => g.value)
        : d.scope === 'buildings' ? d.buildings.filter((b) => b.checked).map((b) => b.value)
        : d.scope === 'households' ? s.households.map((h) => h.id)
        : [];
      const input: Record<string, unknown> = {
        title: d.title,
        description: d.description,
        options: d.options.map((o) => o.label),
        minPicks: d.multiple ? numberOrMissing(d.minPicks) : 1,
        maxPicks: d.multiple ? numberOrMissing(d.maxPicks) : 1,
        openTextLabel: d.openTextOn ? d.openTextLabel : null,
        unit: d.unit || undefined,
        eligibility: { scope: d.scope, ids },
        secret: d.secret === '' ? undefined : d.secret === 'secret',
        rule,
        channels: d.channels.filter((c) => c.checked).map((c) => c.value),
        opensAt: at(d.opensDate, d.opensTime),
        closesAt: at(d.closesDate, d.closesTime),
      };
      return input as ContractInput<typeof createPoll>;
    },
    async submit() {
      this.setData({ optionErrors: {}, optionRowIssues: false });
      const res = await form(this).submit(this.input());
      if (!res) return;
      if (!res.ok) {
        // A row's message sits under the row; the list's own line would only repeat it.
        const optionErrors = itemErrors(res.error, 'options');
        this.setData({ optionErrors, optionRowIssues: Object.keys(optionErrors).length > 0 });
        return;
      }
      wx.showToast({ title: '已发起', icon: 'success' });
      wx.redirectTo({ url: `/staff/poll/index?pollId=${encodeURIComponent(res.data.id)}` });
    },
  },
});
