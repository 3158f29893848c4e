import { call } from '../../services/api';
import {
  acceptProxy,
  getMeeting,
  grantProxy,
  parseMeetingQr,
  registerForMeeting,
  revokeProxy,
  signIn,
  unregisterFromMeeting,
  type AgendaItemView,
  type MeetingView,
  type ProxyView,
} from '../../core/council/meeting-contract';
import { getPoll, vote, type MyBallotView, type PollView } from '../../core/poll/contract';
import { DEFAULT_MESSAGES, type ErrorBody } from '../../core/errors';
import type { AgendaItemStatus } from '../../core/council/vocabulary';
import { clockText } from '../../services/date-strip';
import { dateText } from '../../services/dates';
import { instanceState } from '../../services/page-state';
import { receiptView, votedByOtherText, type ReceiptView } from '../../services/poll-view';
import { meetingMineText, meetingTone, meetingWhenText, quorumScreen, rollWord, type QuorumScreen } from '../../services/council-view';
import type { Tone } from '../../services/view';

/** How often the quorum line and the agenda are read again while the meeting is in session and the page is shown. */
export const LIVE_REFRESH_MS = 10_000;
const SIGN_IN_OPENS_MS = 3600_000;

/** An item voided for want of quorum is the one outcome shown in red. */
const ITEM_TONES: Record<AgendaItemStatus, Tone | 'danger'> = { pending: 'todo', voting: 'doing', adopted: 'done', rejected: 'muted', void: 'danger', discussed: 'muted' };

interface AgendaRow {
  key: string;
  order: number;
  title: string;
  text: string;
  statusLabel: string;
  tone: Tone | 'danger';
  voteModeLabel: string;
  decisionText: string;
  voting: boolean;
  hasResolution: boolean;
  hasMotion: boolean;
}

interface ProxyRow {
  key: string;
  scopeText: string;
  who: string;
  statusLabel: string;
  code: string;
  canShare: boolean;
  canRevoke: boolean;
  uses: string[];
}

/** The ballot part for the item being voted: like pages/poll, reduced to one choice. */
type VoteMode = '' | 'cannot' | 'byOther' | 'pickUnit' | 'vote' | 'receipt';

function agendaRow(a: AgendaItemView): AgendaRow {
  return {
    key: `i${a.order}`,
    order: a.order,
    title: a.title,
    text: a.text,
    statusLabel: a.statusLabel,
    tone: ITEM_TONES[a.status] ?? 'muted',
    voteModeLabel: a.voteModeLabel,
    decisionText: a.decision?.explanation ?? '',
    voting: a.status === 'voting',
    hasResolution: a.resolutionId !== null,
    hasMotion: a.motionId !== null,
  };
}

function proxyRow(p: ProxyView, mine: boolean): ProxyRow {
  return {
    key: p.proxyId,
    scopeText: p.scopeText,
    who: mine ? (p.agentName ? `受托人：${p.agentName}` : '还没有人接受') : `委托人：${p.principalLabel}`,
    statusLabel: p.statusLabel,
    code: mine && p.status === 'offered' && p.code ? p.code : '',
    canShare: mine && p.status === 'offered' && !!p.code,
    canRevoke: mine && p.allowedActions.includes('meeting.revokeProxy'),
    uses: p.uses.length > 0 ? p.uses : p.status === 'active' ? [mine ? '还没有使用' : '您到会签到时，会同时为委托人签到'] : [],
  };
}

function errorText(e: ErrorBody, what: string): string {
  if (e.code === 'NETWORK_ERROR' || e.code === 'INTERNAL') return `没有连上，不知道${what}是否已记录。请再试一次（重复不会多记）`;
  return e.message || DEFAULT_MESSAGES[e.code];
}

const state = instanceState(() => ({
  meeting: null as MeetingView | null,
  poll: null as PollView | null,
  picked: '' as string,
  timer: null as ReturnType<typeof setInterval> | null,
  shown: false,
  refreshing: false,
  busy: false,
}));

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index?: number; id?: string; key?: string }>;

/**
 * One meeting as someone on its roll lives it: when and where, the notice and the agenda
 * with each item's outcome; their own roll entry; registration when seats are limited;
 * 签到 by scanning the screen's QR or typing its 6 digits; while in session the quorum
 * line (到会 / 应到 / 需), read again every 10 s only while the page is shown; the vote on
 * the item being voted, for themselves or for the one who entrusted them; and proxies —
 * 委托他人 gives a code to send (the share card opens this page with it filled in),
 * 接受委托 takes one. Never the roll or anyone else's name.
 */
Component({
  lifetimes: {
    // A page closed without onUnload (a test, a redirect) must not keep polling.
    detached() {
      state(this).shown = false;
      const s = state(this);
      if (s.timer) clearInterval(s.timer);
      s.timer = null;
    },
  },
  data: {
    meetingId: '',
    loaded: false,
    loadError: '',
    title: '',
    bodyLabel: '',
    statusLabel: '',
    tone: 'muted',
    whenText: '',
    place: '',
    noticeText: '',
    rollText: '',
    ruleText: '',
    officersText: '',
    cancelled: false,
    inSession: false,
    quorum: null as QuorumScreen | null,
    quorumFinal: false,
    // The caller's roll entry.
    entryLabel: '',
    mineText: '',
    mineDone: false,
    onRoll: false,
    // Registration.
    seatsText: '',
    canRegister: false,
    canUnregister: false,
    registering: false,
    registerError: '',
    // 签到.
    canSignIn: false,
    signInLaterText: '',
    typing: false,
    code: '',
    codeError: '',
    signingIn: false,
    signInError: '',
    signInResult: null as { title: string; lines: string[] } | null,
    // Agenda and the vote.
    agenda: [] as AgendaRow[],
    votingTitle: '',
    handsVoting: false,
    voteMode: '' as VoteMode,
    voteCannot: '',
    voteByOther: '',
    units: [] as Array<{ key: string; label: string; voted: boolean }>,
    unitKey: '',
    chosenUnit: '',
    options: [] as Array<{ id: string; label: string; on: boolean }>,
    abstain: false,
    confirming: false,
    choiceError: '',
    voteError: '',
    sending: false,
    receipt: null as ReceiptView | null,
    // Proxies.
    myProxies: [] as ProxyRow[],
    proxiesToMe: [] as ProxyRow[],
    canGrant: false,
    grantItems: [] as { itemId: string; title: string }[],
    granting: false,
    grantError: '',
    canAccept: false,
    accepting: false,
    acceptOpen: false,
    acceptCode: '',
    acceptError: '',
    acceptDone: '',
    proxyError: '',
    minutesApproved: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const code = (query.proxyCode ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 6);
      // Opened from a share card: the code is there, the agent only confirms.
      this.setData({ meetingId: query.meetingId ? decodeURIComponent(query.meetingId) : '', acceptCode: code, acceptOpen: code !== '' });
      void this.load().then(() => {
        // The agent came for the code box at the foot of the page: take them there.
        if (code && this.data.canAccept && typeof wx.pageScrollTo === 'function') wx.pageScrollTo({ selector: '#accept-form', duration: 0 });
      });
    },
    onShow() {
      state(this).shown = true;
      this.keepLive();
    },
    onHide() {
      state(this).shown = false;
      this.keepLive();
    },
    onUnload() {
      state(this).shown = false;
      this.keepLive();
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    /** Polls only while the page is on screen and the meeting is in session; stops otherwise. */
    keepLive() {
      const s = state(this);
      const live = s.shown && s.meeting?.status === 'inSession';
      if (live && !s.timer) s.timer = setInterval(() => void this.refresh(), LIVE_REFRESH_MS);
      if (!live && s.timer) {
        clearInterval(s.timer);
        s.timer = null;
      }
    },
    async load() {
      const res = await call(getMeeting, { meetingId: this.data.meetingId });
      if (!res.ok) {
        this.setData({ loaded: true, loadError: res.error.message });
        return;
      }
      await this.show(res.data);
    },
    async refresh() {
      const s = state(this);
      if (s.refreshing) return;
      s.refreshing = true;
      try {
        const res = await call(getMeeting, { meetingId: this.data.meetingId });
        // A failed refresh keeps the last good picture; the next tick tries again.
        if (res.ok) await this.show(res.data);
      } finally {
        s.refreshing = false;
      }
    },
    async show(m: MeetingView) {
      const now = Date.now();
      const s = state(this);
      s.meeting = m;
      const mine = meetingMineText(m, now);
      const a = m.myAttendance;
      const w = rollWord(m.rollKind);
      const votingItem = m.agenda.find((i) => i.status === 'voting') ?? null;
      // Sign-in opens an hour before the start (when the screen starts showing its code).
      const open = m.status === 'inSession' || (m.status === 'noticed' && now >= m.startsAt - SIGN_IN_OPENS_MS && now <= m.endsAt);
      this.setData({
        loaded: true,
        loadError: '',
        title: m.title,
        bodyLabel: m.bodyLabel,
        statusLabel: m.statusLabel,
        tone: meetingTone(m.status),
        whenText: meetingWhenText(m, now),
        place: m.place,
        noticeText: `${dateText(m.noticeAt, now)}发出通知`,
        rollText: `${m.rollLabel}，应到${m.rollSize}${w}`,
        ruleText: m.ruleText,
        officersText: `召集人：${m.convenerName}　记录人：${m.secretaryName}`,
        cancelled: m.status === 'cancelled',
        inSession: m.status === 'inSession',
        quorum: m.quorum && m.status !== 'noticed' && m.status !== 'cancelled' ? quorumScreen(m.quorum, m.rollKind) : null,
        quorumFinal: m.status === 'ended' || m.status === 'minutesApproved',
        entryLabel: a?.label ?? '',
        mineText: mine.text,
        mineDone: mine.done,
        onRoll: a !== null,
        seatsText: m.seats ? `名额${m.seats.total}个，已报名${m.seats.taken}${w}${m.seats.waitlist > 0 ? `，候补${m.seats.waitlist}${w}` : ''}` : '',
        canRegister: m.allowedActions.includes('meeting.register'),
        canUnregister: m.allowedActions.includes('meeting.unregister'),
        canSignIn: open && a !== null && !a.present && m.allowedActions.includes('meeting.signIn'),
        signInLaterText: !open && a !== null && !a.present && m.status === 'noticed' && now < m.startsAt ? `${dateText(m.startsAt - SIGN_IN_OPENS_MS, now)}起可以在本页签到` : '',
        agenda: m.agenda.map(agendaRow),
        votingTitle: votingItem ? `第${votingItem.order}项：${votingItem.title}` : '',
        handsVoting: votingItem?.voteMode === 'hands',
        myProxies: m.myProxies.map((p) => proxyRow(p, true)),
        proxiesToMe: m.proxiesToMe.map((p) => proxyRow(p, false)),
        canGrant: m.allowedActions.includes('meeting.grantProxy'),
        // Items still to be voted may be entrusted one by one (the proxy then counts for that vote only).
        grantItems: m.agenda.filter((i) => i.status === 'pending' && i.voteMode !== 'none').map((i) => ({ itemId: i.itemId, title: `第${i.order}项：${i.title}` })),
        canAccept: m.allowedActions.includes('meeting.acceptProxy'),
        minutesApproved: m.minutes === 'approved',
      });
      this.keepLive();
      // Only those present (in person, or standing in for a principal) vote: others are told, not sent to a refusal.
      const present = a?.present === true || m.proxiesToMe.some((p) => p.status === 'active');
      await this.followVote(present ? votingItem : null);
      if (!present && votingItem?.voteMode === 'perPerson' && a !== null) this.setData({ voteMode: 'cannot', voteCannot: '签到后才能参加表决' });
    },
    /** Opens the poll of the item being voted (once per poll, so a choice in progress survives a refresh). */
    async followVote(item: AgendaItemView | null) {
      const s = state(this);
      const pollId = item && item.voteMode === 'perPerson' ? item.pollId : null;
      if (!pollId) {
        if (s.poll) {
          s.poll = null;
          s.picked = '';
          this.setData({ voteMode: '', options: [], units: [], receipt: null, confirming: false });
        }
        return;
      }
      if (s.poll?.id === pollId) return;
      const res = await call(getPoll, { pollId });
      if (!res.ok) {
        this.setData({ voteError: res.error.message });
        return;
      }
      s.poll = res.data;
      s.picked = '';
      this.setData({ options: res.data.options.map((o) => ({ id: o.id, label: o.label, on: false })), abstain: false, confirming: false, choiceError: '', voteError: '' });
      this.showBallot(res.data.myBallot);
    },
    showBallot(b: MyBallotView | null) {
      const p = state(this).poll;
      if (!p) return;
      const now = Date.now();
      const open = p.status === 'open';
      const units = (b?.units ?? []).map((u) => ({ key: u.unitKey, label: u.label, voted: u.voted }));
      const receipt = b && b.voted && b.byMe ? receiptView(b, p.secret, now) : null;
      let mode: VoteMode = '';
      if (open && (!b || b.cannotVote)) mode = 'cannot';
      else if (open && units.length > 1 && units.some((u) => !u.voted)) mode = 'pickUnit';
      else if (receipt) mode = 'receipt';
      else if (b?.voted) mode = 'byOther';
      else if (open) mode = 'vote';
      this.setData({
        voteMode: mode,
        receipt,
        units,
        unitKey: '',
        chosenUnit: '',
        voteCannot: b?.cannotVote ?? (open && !b ? '您没有到会签到，不能参加这项表决' : ''),
        voteByOther: b && b.voted && !b.byMe ? votedByOtherText(b, p.unit, now) : '',
      });
    },
    pickUnit(e: Tap) {
      const unit = this.data.units.find((u) => u.key === e.currentTarget.dataset.key);
      if (!unit || unit.voted) return;
      this.setData({ unitKey: unit.key, chosenUnit: unit.label, voteMode: 'vote', voteError: '' });
    },
    backToUnits() {
      this.setData({ voteMode: 'pickUnit', unitKey: '', chosenUnit: '', confirming: false });
    },
    pick(e: Tap) {
      const id = e.currentTarget.dataset.id;
      if (!id || this.data.confirming) return;
      state(this).picked = id;
      this.setData({ abstain: false, options: this.data.options.map((o) => ({ ...o, on: o.id === id })), choiceError: '', voteError: '' });
    },
    pickAbstain() {
      if (this.data.confirming) return;
      state(this).picked = '';
      this.setData({ abstain: true, options: this.data.options.map((o) => ({ ...o, on: false })), choiceError: '', voteError: '' });
    },
    askVote() {
      if (!state(this).picked && !this.data.abstain) {
        this.setData({ choiceError: '请选择一项，或选择弃权' });
        return;
      }
      this.setData({ confirming: true, choiceError: '' });
    },
    cancelVote() {
      this.setData({ confirming: false });
    },
    async sendVote() {
      const s = state(this);
      const p = s.poll;
      if (!p || this.data.sending) return;
      this.setData({ sending: true, voteError: '' });
      const res = await call(vote, {
        pollId: p.id,
        choice: this.data.abstain ? { abstain: true } : { optionIds: [s.picked] },
        ...(this.data.unitKey ? { unitKey: this.data.unitKey } : {}),
      });
      this.setData({ sending: false, confirming: false });
      if (!res.ok) {
        this.setData({ voteError: errorText(res.error, '表决') });
        return;
      }
      s.picked = '';
      this.setData({ abstain: false, options: this.data.options.map((o) => ({ ...o, on: false })) });
      this.showBallot(res.data);
    },
    // ---- 签到 ----
    scan() {
      if (this.data.signingIn) return;
      this.setData({ signInError: '', signInResult: null });
      wx.scanCode({
        onlyFromCamera: true,
        scanType: ['qrCode'],
        success: ({ result }) => {
          const parsed = parseMeetingQr(result);
          if (!parsed) {
            this.setData({ signInError: '这不是会议签到二维码，请扫会场屏幕上的二维码' });
            return;
          }
          if (parsed.meetingId !== this.data.meetingId) {
            this.setData({ signInError: '这是另一场会议的签到码，请扫本次会议会场上的二维码' });
            return;
          }
          void this.sendSignIn(parsed.code);
        },
        fail: (err) => {
          if (!/cancel/.test(err.errMsg)) this.setData({ signInError: '没有打开相机：请允许使用摄像头，或点「输入签到码」' });
        },
      });
    },
    openTyping() {
      this.setData({ typing: true, code: '', codeError: '', signInError: '' });
    },
    onCode(e: WechatMiniprogram.Input) {
      this.setData({ code: e.detail.value.replace(/\D/g, '').slice(0, 6), codeError: '' });
    },
    submitCode() {
      if (!/^\d{6}$/.test(this.data.code)) {
        this.setData({ codeError: '签到码是会场屏幕上二维码下方的6位数字' });
        return;
      }
      void this.sendSignIn(this.data.code);
    },
    async sendSignIn(code: string) {
      if (this.data.signingIn) return;
      this.setData({ signingIn: true, signInError: '', codeError: '' });
      const res = await call(signIn, { meetingId: this.data.meetingId, code });
      if (!res.ok) {
        const text = errorText(res.error, '签到');
        // A wrong or stale code belongs under the box the resident typed it in.
        if (this.data.typing && (res.error.code === 'VALIDATION_ERROR' || res.error.code === 'CONFLICT')) this.setData({ signingIn: false, codeError: text });
        else this.setData({ signingIn: false, signInError: text });
        return;
      }
      const { entry, alsoForPrincipals } = res.data;
      this.setData({
        signingIn: false,
        typing: false,
        code: '',
        signInResult: {
          title: `签到成功 ${entry.at !== null ? clockText(entry.at) : ''}`.trim(),
          lines: [entry.label, ...alsoForPrincipals.map((p) => `同时为委托人 ${p} 签到`)],
        },
      });
      await this.refresh();
    },
    // ---- 报名 ----
    async register() {
      await this.seatAction(true);
    },
    async unregister() {
      const ok = await new Promise<boolean>((resolve) =>
        wx.showModal({ title: '取消报名', content: '取消后名额会让给候补的人，确定取消吗？', confirmText: '取消报名', cancelText: '不取消', success: (r) => resolve(r.confirm), fail: () => resolve(false) }),
      );
      if (ok) await this.seatAction(false);
    },
    async seatAction(join: boolean) {
      const s = state(this);
      if (s.busy) return;
      s.busy = true;
      this.setData({ registering: true, registerError: '' });
      const res = await call(join ? registerForMeeting : unregisterFromMeeting, { meetingId: this.data.meetingId });
      s.busy = false;
      this.setData({ registering: false });
      if (!res.ok) {
        this.setData({ registerError: errorText(res.error, '报名') });
        return;
      }
      await this.show(res.data);
    },
    // ---- 委托 ----
    grant() {
      return this.grantFor(undefined);
    },
    /** 只委托一项: the picker gives the index among the items not yet voted. */
    grantItem(e: WechatMiniprogram.PickerChange) {
      const item = this.data.grantItems[Number(e.detail.value)];
      return item ? this.grantFor(item.itemId) : undefined;
    },
    async grantFor(itemId: string | undefined) {
      const s = state(this);
      if (s.busy) return;
      s.busy = true;
      this.setData({ granting: true, grantError: '' });
      const res = await call(grantProxy, { meetingId: this.data.meetingId, ...(itemId ? { itemId } : {}) });
      s.busy = false;
      this.setData({ granting: false });
      if (!res.ok) {
        this.setData({ grantError: errorText(res.error, '委托') });
        return;
      }
      // The code shows at once from the answer, even should the refresh after it fail.
      const m = s.meeting;
      if (m) await this.show({ ...m, myProxies: [...m.myProxies.filter((p) => p.proxyId !== res.data.proxyId), res.data] });
      await this.refresh();
    },
    openAccept() {
      this.setData({ acceptOpen: true, acceptError: '', acceptDone: '' });
    },
    onAcceptCode(e: WechatMiniprogram.Input) {
      this.setData({ acceptCode: e.detail.value.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 6), acceptError: '' });
    },
    async accept() {
      const s = state(this);
      if (s.busy) return;
      const code = this.data.acceptCode;
      if (!/^[A-Z2-9]{6}$/.test(code)) {
        this.setData({ acceptError: '委托码是委托人发给您的6位字母或数字' });
        return;
      }
      s.busy = true;
      this.setData({ accepting: true, acceptError: '' });
      const res = await call(acceptProxy, { meetingId: this.data.meetingId, code });
      s.busy = false;
      this.setData({ accepting: false });
      if (!res.ok) {
        this.setData({ acceptError: errorText(res.error, '接受委托') });
        return;
      }
      this.setData({ acceptOpen: false, acceptCode: '', acceptDone: `您已接受${res.data.principalLabel}的委托（${res.data.scopeText}）。到会签到时会同时为委托人签到。` });
      await this.refresh();
    },
    revoke(e: Tap) {
      const p = state(this).meeting?.myProxies[Number(e.currentTarget.dataset.index)];
      if (!p) return;
      wx.showModal({
        title: '撤销委托',
        content: '撤销后受托人不能再代您出席和表决。确定撤销吗？',
        confirmText: '撤销',
        cancelText: '不撤销',
        success: (r) => {
          if (r.confirm) void this.sendRevoke(p.proxyId);
        },
      });
    },
    async sendRevoke(proxyId: string) {
      const s = state(this);
      if (s.busy) return;
      s.busy = true;
      this.setData({ proxyError: '' });
      const res = await call(revokeProxy, { proxyId, reason: '' });
      s.busy = false;
      if (!res.ok) {
        this.setData({ proxyError: errorText(res.error, '撤销') });
        return;
      }
      await this.refresh();
    },
    /** The share card of an offered proxy opens this meeting with its code filled in for the agent. */
    onShareAppMessage(res: { from?: string; target?: { dataset?: { index?: number } } }) {
      const m = state(this).meeting;
      const base = `/pages/meeting/index?meetingId=${encodeURIComponent(this.data.meetingId)}`;
      const p = res?.from === 'button' ? m?.myProxies[Number(res.target?.dataset?.index)] : undefined;
      if (p && p.status === 'offered' && p.code) {
        return { title: `请您代我出席：${m?.title ?? '会议'}（委托码 ${p.code}）`, path: `${base}&proxyCode=${p.code}` };
      }
      return { title: m?.title ?? '民主议事', path: base };
    },
    goMinutes() {
      wx.navigateTo({ url: `/pages/minutes/index?meetingId=${encodeURIComponent(this.data.meetingId)}` });
    },
    goResolution(e: Tap) {
      const item = state(this).meeting?.agenda[Number(e.currentTarget.dataset.index)];
      if (item?.resolutionId) wx.navigateTo({ url: `/pages/resolution/index?resolutionId=${encodeURIComponent(item.resolutionId)}` });
    },
    goMotion(e: Tap) {
      const item = state(this).meeting?.agenda[Number(e.currentTarget.dataset.index)];
      if (item?.motionId) wx.navigateTo({ url: `/pages/motion/index?motionId=${encodeURIComponent(item.motionId)}` });
    },
  },
});
