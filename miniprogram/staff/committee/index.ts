import { call } from '../../services/api';
import type { ContractInput } from '../../core/action';
import { listMeetings, type MeetingView } from '../../core/council/meeting-contract';
import { appointCommittee, getCommittee, type CommitteeView } from '../../core/disclosure/supervision-contract';
import { COMMITTEE_CHOSEN_BY, COMMITTEE_CHOSEN_BY_LABELS, COMMITTEE_POSITION_LABELS, type CommitteeChosenBy, type CommitteePosition } from '../../core/disclosure/vocabulary';
import { getMe } from '../../core/member/contract';
import type { ErrorBody } from '../../core/errors';
import { checkNow } from '../../services/schemas';
import { dayKey } from '../../services/date-strip';
import { dateText } from '../../services/dates';
import { emptyErrors } from '../../services/form';
import { formSubmit } from '../../services/form-submit';
import { instanceState } from '../../services/page-state';
import { allows } from '../../services/view';
import type { Picked } from '../components/member-picker/index';
import { issuesUnder, rowIssues } from '../disclosure/view';

const FIELDS = ['chosenBy', 'meetingId', 'startsOn', 'endsOn', 'members'] as const;
const form = formSubmit(appointCommittee, { fields: FIELDS, whenEmpty: { chosenBy: '请选择推选方式' } });

/** A 居务监督委员会 serves the same term as the 居民委员会: five years. */
const TERM_YEARS = 5;

interface MemberRow {
  key: string;
  memberId: string;
  name: string;
  position: CommitteePosition;
  positionLabel: string;
  /** 「有账号，可在小程序里监督」 or 「只看纸质公开栏」. */
  accountText: string;
  error: string;
}

const state = instanceState(() => ({ meetings: [] as MeetingView[], nextKey: 0, view: null as CommitteeView | null }));

const plusYears = (day: string, years: number) => `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;
/** 「2026年1月1日」 from a calendar day, as the term is written on paper. */
const dayText = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index?: number; value?: string }>;

/**
 * 居务监督委员会: the sitting committee — who, in which office, how they were chosen, for
 * which term — and the terms before it. An admin records a new term: how it was chosen (and
 * the meeting, when it was held here), its dates, and its members, picked from the residents
 * with accounts or typed for those who only read the paper board, with one 主任. Members
 * with accounts get the supervisor role from the server; the previous term ends.
 */
Component({
  data: {
    loading: true,
    error: '',
    saved: '',
    canAppoint: false,
    hasTerm: false,
    chosenByLabel: '',
    termText: '',
    currentText: '',
    meetingTitle: '',
    current: [] as { key: string; name: string; positionLabel: string; accountText: string }[],
    past: [] as { termId: string; text: string }[],
    // 登记新一届
    formOpen: false,
    chosenByOptions: COMMITTEE_CHOSEN_BY.map((c) => ({ value: c, label: COMMITTEE_CHOSEN_BY_LABELS[c] })),
    chosenBy: '' as CommitteeChosenBy | '',
    meetingLabels: ['不关联会议'],
    meetingIndex: 0,
    startsOn: '',
    endsOn: '',
    members: [] as MemberRow[],
    typedName: '',
    typedError: '',
    pickerSelected: '',
    errors: emptyErrors(FIELDS),
    formError: '',
    submitting: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    async load() {
      this.setData({ loading: true, error: '' });
      const [committee, me] = await Promise.all([call(getCommittee, {}), call(getMe, {})]);
      if (!committee.ok || !me.ok) {
        this.setData({ loading: false, error: (!committee.ok ? committee.error : !me.ok ? me.error : { message: '' }).message });
        return;
      }
      this.setData({ loading: false, canAppoint: allows(me.data.allowedActions, 'supervision.appoint') });
      this.show(committee.data);
    },
    show(c: CommitteeView) {
      state(this).view = c;
      const has = c.termId !== null && c.startsOn !== null && c.endsOn !== null;
      this.setData({
        hasTerm: has,
        chosenByLabel: c.chosenByLabel ?? '',
        termText: has ? `任期 ${dayText(c.startsOn as string)} 至 ${dayText(c.endsOn as string)}` : '',
        currentText: has && !c.current ? '不在任期内：监督委员会成员暂无监督权限，请登记新一届' : '',
        meetingTitle: c.meeting?.title ?? '',
        current: c.members.map((m, i) => ({ key: `c${i}`, name: m.name, positionLabel: m.positionLabel, accountText: m.onApp ? '' : '只看纸质公开栏' })),
        past: c.past.map((p) => ({ termId: p.termId, text: `${dayText(p.startsOn)} 至 ${dayText(p.endsOn)} · ${p.chosenByLabel}` })),
      });
    },

    // —— 登记新一届 ——
    async openForm() {
      form(this).clear();
      const today = dayKey(Date.now());
      this.setData({ formOpen: true, saved: '', chosenBy: '', meetingIndex: 0, startsOn: today, endsOn: plusYears(today, TERM_YEARS), members: [], typedName: '', typedError: '', pickerSelected: '' });
      // The meeting that chose them, when it was held in the app; the form works without the list.
      const res = await call(listMeetings, { when: 'past', limit: 20 });
      if (!res.ok) return;
      const now = Date.now();
      state(this).meetings = res.data.items;
      this.setData({ meetingLabels: ['不关联会议', ...res.data.items.map((m) => `${m.title}（${dateText(m.startsAt, now)}）`)] });
    },
    closeForm() {
      this.setData({ formOpen: false });
    },
    onChosenBy(e: Tap) {
      const value = COMMITTEE_CHOSEN_BY.find((c) => c === e.currentTarget.dataset.value);
      if (value) this.setData({ chosenBy: value, 'errors.chosenBy': '' });
    },
    onMeeting(e: WechatMiniprogram.PickerChange) {
      this.setData({ meetingIndex: Number(e.detail.value), 'errors.meetingId': '' });
    },
    onDate(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: string }>) {
      const field = e.currentTarget.dataset.field;
      if (field === 'startsOn') this.setData({ startsOn: e.detail.value, endsOn: plusYears(e.detail.value, TERM_YEARS), 'errors.startsOn': '', 'errors.endsOn': '' });
      else if (field === 'endsOn') this.setData({ endsOn: e.detail.value, 'errors.endsOn': '' });
    },
    addRow(memberId: string, name: string) {
      const s = state(this);
      s.nextKey += 1;
      const first = this.data.members.length === 0;
      const position: CommitteePosition = first ? 'chair' : 'member';
      const row: MemberRow = { key: `m${s.nextKey}`, memberId, name, position, positionLabel: COMMITTEE_POSITION_LABELS[position], accountText: memberId ? '有账号，可在小程序里监督' : '只看纸质公开栏', error: '' };
      this.setData({ members: [...this.data.members, row], 'errors.members': '' });
    },
    onPick(e: WechatMiniprogram.CustomEvent<Picked>) {
      const p = e.detail;
      if (!p.memberId) return;
      if (this.data.members.some((m) => m.memberId === p.memberId)) {
        this.setData({ typedError: `${p.name ?? '这位居民'}已在名单中` });
        return;
      }
      this.addRow(p.memberId, p.name ?? '');
      // The picker goes back to its search, ready for the next member.
      this.setData({ pickerSelected: '', typedError: '' });
    },
    onTypedName(e: WechatMiniprogram.Input) {
      this.setData({ typedName: e.detail.value, typedError: '' });
    },
    addTyped() {
      const name = this.data.typedName.trim();
      if (!name) {
        this.setData({ typedError: '请填写姓名' });
        return;
      }
      this.addRow('', name);
      this.setData({ typedName: '' });
    },
    makeChair(e: Tap) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({
        members: this.data.members.map((m, j) => {
          const position: CommitteePosition = j === i ? 'chair' : 'member';
          return { ...m, position, positionLabel: COMMITTEE_POSITION_LABELS[position] };
        }),
        'errors.members': '',
      });
    },
    removeMember(e: Tap) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ members: this.data.members.filter((_, j) => j !== i) });
    },
    input(): ContractInput<typeof appointCommittee> {
      const d = this.data;
      const meeting = d.meetingIndex > 0 ? state(this).meetings[d.meetingIndex - 1] : undefined;
      // An unchosen 推选方式 goes as it is: the shared schema says 请选择推选方式.
      return {
        chosenBy: d.chosenBy as CommitteeChosenBy,
        ...(meeting ? { meetingId: meeting.id } : {}),
        startsOn: d.startsOn,
        endsOn: d.endsOn,
        members: d.members.map((m) => ({ ...(m.memberId ? { memberId: m.memberId } : {}), name: m.name, position: m.position })),
      };
    },
    /** The form is checked before the question is asked: nobody confirms a term that cannot be sent. */
    submit() {
      const input = this.input();
      const checked = checkNow(appointCommittee, input);
      if (!checked.ok) {
        form(this).showError(checked.error, input);
        this.showMemberIssues(checked.error);
        return;
      }
      const prior = state(this).view;
      if (!prior?.termId || !prior.current) {
        void this.send(input);
        return;
      }
      wx.showModal({
        title: '登记新一届',
        content: '登记后，上一届即告结束，没有连任的成员不再有监督权限。',
        confirmText: '登记',
        cancelText: '再看看',
        success: (r) => {
          if (r.confirm) void this.send(input);
        },
      });
    },
    async send(input: ContractInput<typeof appointCommittee>) {
      const res = await form(this).submit(input);
      if (!res) return;
      if (!res.ok) {
        this.showMemberIssues(res.error);
        return;
      }
      this.show(res.data);
      this.setData({ formOpen: false, saved: '已登记新一届居务监督委员会；有账号的成员已获得监督权限' });
    },
    /** Issues name a member by its row: 「同一人登记了两次」 under the second. */
    showMemberIssues(error: ErrorBody) {
      const issues = issuesUnder(error, 'members');
      this.setData({
        members: this.data.members.map((m, i) => {
          const row = rowIssues(issues, '', i);
          return { ...m, error: row.memberId ?? row.name ?? row.position ?? issues[String(i)] ?? '' };
        }),
      });
    },
  },
});
