import { call } from '../../services/api';
import { getMe } from '../../core/member/contract';
import {
  closeVote,
  confirmProxy,
  endMeeting,
  getMeeting,
  markLeft,
  meetingAttendance,
  meetingProxies,
  meetingSignInCode,
  openVote,
  recordPaperProxy,
  signIn,
  type AgendaItemView,
  type AttendanceEntryView,
  type MeetingView,
  type ProxyView,
  type SignInCodeView,
} from '../../core/council/meeting-contract';
import type { QuorumView } from '../../core/council/quorum';
import { drawQrOnCanvas } from '../services/qr-canvas';
import { clockText } from '../../services/date-strip';
import { emptyErrors } from '../../services/form';
import { formKeys, formSubmit } from '../../services/form-submit';
import { pagedList, prefixedKeys } from '../../services/paged-list';
import { instanceState } from '../../services/page-state';
import type { PhotoItem } from '../../services/photos';
import { pickPhotos } from '../../services/upload';
import { allows, type Tone } from '../../services/view';
import { entryRow, gauge, meetingTone, meetingWhen, proxyRow, type EntryRow, type Gauge, type ProxyRow } from '../council/view';

type TabName = 'agenda' | 'roll' | 'screen' | 'proxies';
type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index?: number; tab?: string; person?: number; id?: string }>;
type FieldInput = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { index?: number; field?: string }>;

/** How often the gauge asks for the count while the page is shown. */
export const GAUGE_MS = 5000;
const QR_PX = 260;
/** Asked again a moment after the change, so the server's new period has surely begun. */
const AFTER_CHANGE_MS = 300;
const RETRY_MS = 5000;

interface ItemRow {
  id: string;
  order: number;
  title: string;
  text: string;
  modeLabel: string;
  statusLabel: string;
  tone: Tone;
  voting: boolean;
  openQuorum: string;
  explanation: string;
  countsText: string;
  adopted: boolean | null;
  canOpen: boolean;
  canClose: boolean;
  hands: boolean;
  perPerson: boolean;
  options: string[];
}

function itemTone(i: AgendaItemView): Tone {
  if (i.status === 'voting') return 'doing';
  if (i.status === 'adopted') return 'done';
  if (i.status === 'pending') return 'todo';
  return 'muted';
}

function itemRow(i: AgendaItemView): ItemRow {
  return {
    id: i.itemId,
    order: i.order,
    title: i.title,
    text: i.text,
    modeLabel: `${i.voteModeLabel}${i.secret ? '，不记名' : ''}`,
    statusLabel: i.statusLabel,
    tone: itemTone(i),
    voting: i.status === 'voting',
    openQuorum: i.status === 'voting' && i.quorumAtOpen ? `开始表决时：${i.quorumAtOpen.text}` : '',
    explanation: i.decision?.explanation ?? '',
    countsText: i.decision ? i.decision.counts.map((c) => `${c.label} ${c.count}`).join('，') : '',
    adopted: i.decision ? i.decision.adopted : null,
    canOpen: allows(i.allowedActions, 'meeting.openVote'),
    canClose: allows(i.allowedActions, 'meeting.closeVote'),
    hands: i.voteMode === 'hands',
    perPerson: i.voteMode === 'perPerson' && !!i.pollId,
    options: i.options,
  };
}

interface RollQuery {
  meetingId: string;
  search: string;
  onlyAbsent: boolean;
  seen(q: QuorumView, total: number): void;
}

const roll = pagedList({
  fetch: async (q: RollQuery, cursor) => {
    const res = await call(meetingAttendance, { meetingId: q.meetingId, search: q.search, onlyAbsent: q.onlyAbsent, cursor, limit: 30 });
    if (res.ok) q.seen(res.data.quorum, res.data.total);
    return res;
  },
  row: (e: AttendanceEntryView) => entryRow(e),
  keys: prefixedKeys('entries'),
});
const proxies = pagedList({
  fetch: (meetingId: string, cursor) => call(meetingProxies, { meetingId, cursor, limit: 30 }),
  row: (p: ProxyView) => proxyRow(p),
  keys: prefixedKeys('proxies'),
});

const PAPER = ['principalUnitKey', 'agentMemberId', 'photo'] as const;
const paperForm = formSubmit(recordPaperProxy, {
  fields: PAPER,
  keys: formKeys('paper'),
  whenEmpty: { principalUnitKey: '请在下面的名册中点「设为委托人」', agentMemberId: '请在名册中点受托人的名字', photo: '请拍下委托书' },
});
const openForm = formSubmit(openVote, { fields: [], keys: formKeys('vote') });
const HANDS = ['hands'] as const;
const closeForm = formSubmit(closeVote, { fields: HANDS, keys: formKeys('close') });
const endForm = formSubmit(endMeeting, { fields: [], keys: formKeys('end') });

// Unit keys, member ids and file ids stay here, out of setData: the screen never shows one.
const state = instanceState(() => ({
  meetingId: '',
  meeting: null as MeetingView | null,
  memberId: '',
  live: false,
  gaugeTimer: 0 as ReturnType<typeof setTimeout> | 0,
  codeTimer: 0 as ReturnType<typeof setTimeout> | 0,
  qrText: '',
  searchTimer: 0 as ReturnType<typeof setTimeout> | 0,
  principal: null as { unitKey: string; label: string } | null,
  agent: null as { memberId: string; name: string } | null,
  photoId: '',
}));

const ask = (title: string, content: string, confirmText: string, warn = false): Promise<boolean> =>
  new Promise((resolve) =>
    wx.showModal({ title, content, confirmText, cancelText: '再想想', ...(warn ? { confirmColor: '#c62828' } : {}), success: (r) => resolve(r.confirm), fail: () => resolve(false) }),
  );

/**
 * 会议现场: the phone or laptop at the door and at the chair's table. Always on top, the
 * live quorum — 到会 (本人/委托) over 应到, and the line it must pass — asked every 5 s while
 * the page is shown. Below, in tabs: the agenda (开始表决 refused plainly below quorum,
 * 结束表决 with a show of hands counted, each decision's explanation, per-person entry on
 * the poll-paper page), the roll (search, 代签, 离场/返回), the sign-in screen (the
 * rotating QR and its six digits, screen kept on) and the proxies (复核 paper ones, 登记
 * a paper one with its photo, principal and agent picked from the roll). 散会 ends it.
 */
Component({
  data: {
    loading: true,
    error: '',
    title: '',
    bodyLabel: '',
    whenText: '',
    place: '',
    statusLabel: '',
    status: '',
    tone: 'muted' as Tone,
    ruleText: '',
    rollText: '',
    gauge: null as Gauge | null,
    gaugeError: '',
    tab: 'agenda' as TabName,
    canCode: false,
    canSignIn: false,
    canLeft: false,
    canPaper: false,
    canEnd: false,
    ended: false,
    notice: '',
    items: [] as ItemRow[],
    voteItemId: '',
    voteError: '',
    voteErrors: {},
    closeItemId: '',
    handCounts: [] as string[],
    abstain: '',
    closeErrors: emptyErrors(HANDS),
    closeError: '',
    endError: '',
    endErrors: {},
    saving: false,
    code: '',
    codeChanges: '',
    codeError: '',
    search: '',
    onlyAbsent: false,
    total: 0,
    entries: [] as EntryRow[],
    entriesMore: false,
    entriesLoadingMore: false,
    entriesError: '',
    entriesMoreError: '',
    entriesLoaded: false,
    rowError: '',
    rowKey: '',
    proxies: [] as ProxyRow[],
    proxiesMore: false,
    proxiesLoadingMore: false,
    proxiesError: '',
    proxiesMoreError: '',
    proxiesLoaded: false,
    rejectId: '',
    rejectReason: '',
    proxyError: '',
    paperOpen: false,
    principalText: '',
    agentText: '',
    scopeLabels: ['整场会议'] as string[],
    scopeIndex: 0,
    photos: [] as PhotoItem[],
    uploading: false,
    paperErrors: emptyErrors(PAPER),
    paperError: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      state(this).meetingId = query.meetingId ? decodeURIComponent(query.meetingId) : '';
      void this.load();
    },
    onShow() {
      const s = state(this);
      s.live = true;
      // Held up at the door or left on the chair's table: the screen must not go dark.
      wx.setKeepScreenOn({ keepScreenOn: true });
      if (!this.data.loading) {
        this.scheduleGauge(GAUGE_MS);
        if (this.data.tab === 'screen') void this.pollCode();
      }
    },
    onHide() {
      this.stop();
    },
    onUnload() {
      this.stop();
    },
    stop() {
      const s = state(this);
      s.live = false;
      if (s.gaugeTimer) clearTimeout(s.gaugeTimer);
      if (s.codeTimer) clearTimeout(s.codeTimer);
      if (s.searchTimer) clearTimeout(s.searchTimer);
      s.gaugeTimer = 0;
      s.codeTimer = 0;
      s.searchTimer = 0;
      wx.setKeepScreenOn({ keepScreenOn: false });
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    rollQuery(): RollQuery {
      return { meetingId: state(this).meetingId, search: this.data.search.trim(), onlyAbsent: this.data.onlyAbsent, seen: (q, total) => this.showQuorum(q, total) };
    },
    async load() {
      const s = state(this);
      if (!s.meetingId) {
        this.setData({ loading: false, error: '没有找到这次会议，请从民主议事进入' });
        return;
      }
      const [res, me] = await Promise.all([call(getMeeting, { meetingId: s.meetingId }), call(getMe, {})]);
      if (!res.ok) {
        this.setData({ loading: false, error: res.error.message });
        return;
      }
      if (me.ok) s.memberId = me.data.memberId;
      this.setData({ loading: false, error: '' });
      this.fill(res.data);
      await Promise.all([roll(this).reload(this.rollQuery()), proxies(this).reload(s.meetingId)]);
      if (s.live) this.scheduleGauge(GAUGE_MS);
      if (s.live && this.data.tab === 'screen' && !this.data.code) void this.pollCode();
    },
    fill(m: MeetingView) {
      const s = state(this);
      s.meeting = m;
      const a = m.allowedActions;
      this.setData({
        title: m.title,
        bodyLabel: m.bodyLabel,
        whenText: meetingWhen(m),
        place: m.place,
        status: m.status,
        statusLabel: m.statusLabel,
        tone: meetingTone(m.status),
        ruleText: m.ruleText,
        rollText: `${m.rollLabel}，名册共${m.rollSize}${m.rollKind === 'household' || m.rollKind === 'ownerUnit' ? '户' : '人'}`,
        canCode: allows(a, 'meeting.signInCode'),
        canSignIn: allows(a, 'meeting.signIn'),
        canLeft: allows(a, 'meeting.markLeft'),
        canPaper: allows(a, 'meeting.recordPaperProxy'),
        canEnd: allows(a, 'meeting.end'),
        ended: m.status === 'ended' || m.status === 'minutesApproved',
        items: m.agenda.map(itemRow),
        scopeLabels: ['整场会议', ...m.agenda.map((i) => `议题：${i.title}`)],
      });
      if (m.quorum) this.showQuorum(m.quorum);
    },
    showQuorum(q: QuorumView, total?: number) {
      this.setData({ gauge: gauge(q), gaugeError: '', ...(total === undefined ? {} : { total }) });
    },

    // —— the live gauge ——
    scheduleGauge(ms: number) {
      const s = state(this);
      if (s.gaugeTimer) clearTimeout(s.gaugeTimer);
      s.gaugeTimer = s.live && !this.data.ended ? setTimeout(() => void this.pollGauge(), ms) : 0;
    },
    async pollGauge() {
      const s = state(this);
      // One row is enough: the count comes with every page of the roll.
      const res = await call(meetingAttendance, { meetingId: s.meetingId, search: '', onlyAbsent: false, limit: 1 });
      if (!s.live) return;
      if (res.ok) this.showQuorum(res.data.quorum, this.data.search || this.data.onlyAbsent ? undefined : res.data.total);
      else this.setData({ gaugeError: res.error.code === 'NETWORK_ERROR' ? '网络不好，到会人数可能不是最新的，正在重试…' : res.error.message });
      this.scheduleGauge(GAUGE_MS);
    },

    switchTab(e: Tap) {
      const tab = (['agenda', 'roll', 'screen', 'proxies'] as TabName[]).find((t) => t === e.currentTarget.dataset.tab) ?? 'agenda';
      if (tab === this.data.tab) return;
      const s = state(this);
      if (s.codeTimer) clearTimeout(s.codeTimer);
      s.codeTimer = 0;
      this.setData({ tab, rowError: '', proxyError: '' });
      if (tab === 'screen') {
        s.qrText = '';
        void this.pollCode();
      }
    },

    // —— 签到屏 ——
    scheduleCode(ms: number) {
      const s = state(this);
      if (s.codeTimer) clearTimeout(s.codeTimer);
      s.codeTimer = s.live && this.data.tab === 'screen' ? setTimeout(() => void this.pollCode(), Math.max(ms, 1000)) : 0;
    },
    async pollCode() {
      const s = state(this);
      const res = await call(meetingSignInCode, { meetingId: s.meetingId });
      if (!s.live || this.data.tab !== 'screen') return;
      if (!res.ok) {
        const transient = res.error.code === 'NETWORK_ERROR' || res.error.code === 'INTERNAL';
        // A code already on screen stays valid a little longer: say it may be stale and retry.
        if (this.data.code && transient) this.setData({ codeError: '网络不好，签到码可能没有更新，正在重试…' });
        else this.setData({ code: '', codeError: res.error.message });
        if (transient) this.scheduleCode(RETRY_MS);
        return;
      }
      this.showCode(res.data);
      this.scheduleCode(res.data.changesAt - Date.now() + AFTER_CHANGE_MS);
    },
    showCode(v: SignInCodeView) {
      const s = state(this);
      this.setData({ code: v.code, codeError: '', codeChanges: `${clockText(v.changesAt)} 更换 · 每${v.periodSeconds}秒一换` });
      this.showQuorum(v.quorum);
      if (v.qrText !== s.qrText) {
        s.qrText = v.qrText;
        this.drawQr(v.qrText);
      }
    },
    drawQr(text: string) {
      drawQrOnCanvas(this, '#qr', text, QR_PX);
    },

    // —— 名册 ——
    onSearch(e: FieldInput) {
      const s = state(this);
      this.setData({ search: e.detail.value });
      // Typed a room number digit by digit: ask once the typing pauses.
      if (s.searchTimer) clearTimeout(s.searchTimer);
      s.searchTimer = setTimeout(() => void this.searchRoll(), 400);
    },
    async searchRoll() {
      const s = state(this);
      if (s.searchTimer) clearTimeout(s.searchTimer);
      s.searchTimer = 0;
      await roll(this).reload(this.rollQuery());
    },
    onOnlyAbsent(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setData({ onlyAbsent: e.detail.value === true });
      void roll(this).reload(this.rollQuery());
    },
    moreEntries() {
      void roll(this).loadMore();
    },
    entryAt(e: Tap): AttendanceEntryView | undefined {
      return roll(this).items[Number(e.currentTarget.dataset.index)];
    },
    async signInFor(e: Tap) {
      const entry = this.entryAt(e);
      if (!entry || this.data.saving) return;
      this.setData({ saving: true, rowError: '', rowKey: entry.unitKey });
      const res = await call(signIn, { meetingId: state(this).meetingId, unitKey: entry.unitKey, reason: '' });
      this.setData({ saving: false });
      if (!res.ok) {
        this.setData({ rowError: res.error.message });
        return;
      }
      roll(this).put(res.data.entry, (a, b) => a.unitKey === b.unitKey);
      this.showQuorum(res.data.quorum);
      const also = res.data.alsoForPrincipals;
      this.setData({ rowKey: '', notice: also.length ? `${entry.label}已签到，同时为委托人签到：${also.join('、')}` : `${entry.label}已签到` });
    },
    async leftFor(e: Tap) {
      const entry = this.entryAt(e);
      if (!entry || this.data.saving) return;
      const back = entry.left;
      if (!back && !(await ask('登记离场', `${entry.label}离场后不再计入到会人数。确定登记吗？`, '确定离场'))) return;
      this.setData({ saving: true, rowError: '', rowKey: entry.unitKey });
      const res = await call(markLeft, { meetingId: state(this).meetingId, unitKey: entry.unitKey, back });
      this.setData({ saving: false });
      if (!res.ok) {
        this.setData({ rowError: res.error.message });
        return;
      }
      roll(this).put(res.data.entry, (a, b) => a.unitKey === b.unitKey);
      this.showQuorum(res.data.quorum);
      this.setData({ rowKey: '', notice: back ? `${entry.label}已返回会场` : `${entry.label}已登记离场` });
    },

    // —— 委托 ——
    moreProxies() {
      void proxies(this).loadMore();
    },
    proxyAt(e: Tap): ProxyView | undefined {
      return proxies(this).items[Number(e.currentTarget.dataset.index)];
    },
    async confirm(e: Tap) {
      const p = this.proxyAt(e);
      if (!p || this.data.saving) return;
      this.setData({ saving: true, proxyError: '' });
      const res = await call(confirmProxy, { proxyId: p.proxyId });
      this.setData({ saving: false });
      if (!res.ok) {
        this.setData({ proxyError: res.error.message });
        return;
      }
      proxies(this).put(res.data, (a, b) => a.proxyId === b.proxyId);
      wx.showToast({ title: '委托已确认', icon: 'success' });
    },
    openReject(e: Tap) {
      const p = this.proxyAt(e);
      if (p) this.setData({ rejectId: p.proxyId, rejectReason: '', proxyError: '' });
    },
    closeReject() {
      this.setData({ rejectId: '' });
    },
    onRejectReason(e: FieldInput) {
      this.setData({ rejectReason: e.detail.value, proxyError: '' });
    },
    async submitReject() {
      const reason = this.data.rejectReason.trim();
      if (reason.length < 2) {
        this.setData({ proxyError: '请填写不通过的原因（至少2个字）' });
        return;
      }
      this.setData({ saving: true, proxyError: '' });
      const res = await call(confirmProxy, { proxyId: this.data.rejectId, reject: reason });
      this.setData({ saving: false });
      if (!res.ok) {
        this.setData({ proxyError: res.error.message });
        return;
      }
      proxies(this).put(res.data, (a, b) => a.proxyId === b.proxyId);
      this.setData({ rejectId: '' });
    },
    openPaper() {
      const s = state(this);
      s.principal = null;
      s.agent = null;
      s.photoId = '';
      paperForm(this).clear();
      // The roll is where the principal and the agent are picked: show it under the form.
      this.setData({ paperOpen: true, principalText: '', agentText: '', scopeIndex: 0, photos: [], tab: 'proxies' });
    },
    closePaper() {
      this.setData({ paperOpen: false });
    },
    setPrincipal(e: Tap) {
      const entry = this.entryAt(e);
      if (!entry) return;
      state(this).principal = { unitKey: entry.unitKey, label: entry.label };
      this.setData({ principalText: entry.label, 'paperErrors.principalUnitKey': '' });
    },
    setAgent(e: Tap) {
      const entry = this.entryAt(e);
      const person = entry?.people[Number(e.currentTarget.dataset.person)];
      if (!entry || !person) return;
      state(this).agent = { memberId: person.memberId, name: person.name };
      this.setData({ agentText: `${person.name}（${entry.label}）`, 'paperErrors.agentMemberId': '' });
    },
    onScope(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ scopeIndex: Number(e.detail.value) });
    },
    async addPhoto() {
      const s = state(this);
      this.setData({ uploading: true });
      const res = await pickPhotos(0, 1, s.memberId);
      this.setData({ uploading: false });
      if (res.fileIds[0]) {
        s.photoId = res.fileIds[0];
        this.setData({ photos: res.photos, 'paperErrors.photo': '' });
      }
      if (res.error) this.setData({ 'paperErrors.photo': res.error });
    },
    removePhoto() {
      state(this).photoId = '';
      this.setData({ photos: [] });
    },
    async submitPaper() {
      const s = state(this);
      const item = s.meeting?.agenda[this.data.scopeIndex - 1];
      const input = {
        meetingId: s.meetingId,
        principalUnitKey: s.principal?.unitKey ?? '',
        agentMemberId: s.agent?.memberId ?? '',
        photo: s.photoId,
        ...(item ? { itemId: item.itemId } : {}),
      };
      const res = await paperForm(this).submit(input);
      if (!res?.ok) return;
      this.setData({ paperOpen: false, notice: `已登记${res.data.principalLabel}的纸质委托书，须另一位工作人员复核后生效` });
      await proxies(this).reload(s.meetingId);
    },

    // —— 议程与表决 ——
    itemAt(e: Tap): AgendaItemView | undefined {
      return state(this).meeting?.agenda[Number(e.currentTarget.dataset.index)];
    },
    async startVote(e: Tap) {
      const item = this.itemAt(e);
      if (!item || this.data.saving) return;
      this.setData({ voteItemId: item.itemId, voteError: '' });
      if (!(await ask('开始表决', `开始表决「${item.title}」？开始时按到会情况冻结表决名单，之后的委托不再计入。`, '开始表决'))) return;
      const res = await openForm(this).submit({ meetingId: state(this).meetingId, itemId: item.itemId });
      if (!res?.ok) return;
      this.fill(res.data);
      this.setData({ voteItemId: '', notice: `「${item.title}」开始表决` });
    },
    openClose(e: Tap) {
      const item = this.itemAt(e);
      if (!item) return;
      closeForm(this).clear();
      this.setData({ closeItemId: item.itemId, handCounts: item.options.map(() => ''), abstain: '' });
    },
    cancelClose() {
      this.setData({ closeItemId: '' });
    },
    onHand(e: FieldInput) {
      const i = Number(e.currentTarget.dataset.index);
      if (i >= 0 && i < this.data.handCounts.length) this.setData({ [`handCounts[${i}]`]: e.detail.value, 'closeErrors.hands': '' });
    },
    onAbstain(e: FieldInput) {
      this.setData({ abstain: e.detail.value, 'closeErrors.hands': '' });
    },
    async submitClose() {
      const s = state(this);
      const item = s.meeting?.agenda.find((i) => i.itemId === this.data.closeItemId);
      if (!item || this.data.saving) return;
      let hands: { counts: number[]; abstain: number } | undefined;
      if (item.voteMode === 'hands') {
        const counts = this.data.handCounts.map((v) => (/^\d{1,6}$/.test(v.trim()) ? Number(v.trim()) : NaN));
        if (counts.some((n) => Number.isNaN(n))) {
          this.setData({ 'closeErrors.hands': '请填写每个选项的举手人数（没有人举手填0）' });
          return;
        }
        const abstain = this.data.abstain.trim() === '' ? 0 : Number(this.data.abstain.trim());
        const raised = counts.reduce((x, y) => x + y, 0) + abstain;
        const present = this.data.gauge?.present;
        // One hand per person: more hands than people present is a miscount.
        if (present !== undefined && raised > present) {
          this.setData({ 'closeErrors.hands': `举手数合计${raised}，多于到会的${present}，请核对` });
          return;
        }
        hands = { counts, abstain };
      }
      if (!(await ask('结束表决', `结束「${item.title}」的表决并计票？结束时再核一次法定人数，结果不能修改。`, '结束并计票', true))) return;
      const res = await closeForm(this).submit({ meetingId: s.meetingId, itemId: item.itemId, ...(hands ? { hands } : {}) });
      if (!res?.ok) return;
      this.fill(res.data);
      const done = res.data.agenda.find((i) => i.itemId === item.itemId);
      this.setData({ closeItemId: '', notice: done ? `「${item.title}」${done.statusLabel}` : '表决已结束' });
    },
    openPerPerson(e: Tap) {
      const item = this.itemAt(e);
      if (item?.pollId) wx.navigateTo({ url: `/staff/poll-paper/index?pollId=${encodeURIComponent(item.pollId)}` });
    },
    async end() {
      if (this.data.saving) return;
      if (!(await ask('宣布散会', '散会后签到结束，不能再表决，接下来由记录人整理会议纪要。确定散会吗？', '确定散会', true))) return;
      const res = await endForm(this).submit({ meetingId: state(this).meetingId });
      if (!res?.ok) return;
      this.fill(res.data);
      this.scheduleGauge(0);
      this.setData({ notice: '已散会' });
    },
    openMinutes() {
      wx.navigateTo({ url: `/staff/minutes-edit/index?meetingId=${encodeURIComponent(state(this).meetingId)}` });
    },
  },
});
