import { call } from '../../services/api';
import type { ActionContract, ContractInput } from '../../core/action';
import { getMe } from '../../core/member/contract';
import {
  checkIn,
  createBooking,
  listForSlot,
  listServices,
  listSlots,
  markNoShow,
  type BookingView,
  type ServiceView,
  type SlotView,
} from '../../core/booking/contract';
import { bookingResult, bookingRow, staffSlotRow, type BookingRow, type SlotRow } from '../../services/booking-view';
import { DAY_MS, dayKey, dayStartOf, nextDays, timeRange } from '../../services/date-strip';
import { emptyErrors } from '../../services/form';
import { formKeys, formSubmit, type FormSpec, type FormSubmit } from '../../services/form-submit';
import { pagedList, prefixedKeys } from '../../services/paged-list';
import { collectPages } from '../../services/paging';
import { instanceState } from '../../services/page-state';
import { allows } from '../../services/view';
import { FILING_CHANNELS, FILING_CHANNEL_LABELS } from '../../core/channels';
import type { Picked } from '../components/member-picker/index';

const PAGE_SIZE = 50;
const BEHALF_FIELDS = ['onBehalfOf', 'reason', 'channel'] as const;
const CHANNELS = FILING_CHANNELS.map((value) => ({ value, label: FILING_CHANNEL_LABELS[value] }));

interface DayChip {
  key: string;
  weekday: string;
  date: string;
}

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id?: string; key?: string }>;

/** Not rendered: the views behind the pickers, and a generation to drop stale slot lists. */
const state = instanceState(() => ({
  services: [] as ServiceView[],
  serviceId: '',
  slots: [] as SlotView[],
  slotsGen: 0,
  /** The resident picked for 代办: sent, never shown. */
  behalfMemberId: '',
}));

/** The bookings of the chosen slot; choosing another supersedes an answer in flight. */
const bookings = pagedList({
  fetch: (slotId: string, cursor) => call(listForSlot, { slotId, cursor, limit: PAGE_SIZE }),
  row: (b: BookingView) => bookingRow(b, Date.now()),
  keys: prefixedKeys('bookings'),
});

// Check-in and no-show share the message under the row and, with 代办, one busy flag.
const rowSpec: FormSpec<'note'> = { fields: ['note'], keys: { errors: 'noteErrors', message: 'rowError', busy: 'sending' } };
const checkInForm = formSubmit(checkIn, rowSpec);
const noShowForm = formSubmit(markNoShow, rowSpec);
/** A retry of the same 代办 after a lost answer sends the same key, so it is not booked twice. */
const behalfForm = formSubmit(createBooking, { fields: BEHALF_FIELDS, keys: formKeys('behalf', 'sending'), whenEmpty: { onBehalfOf: '请先查找并选择居民' } });

Component({
  data: {
    loaded: false,
    error: '',
    noServices: false,
    canCreate: false,
    serviceNames: [] as string[],
    serviceIndex: 0,
    canEdit: false,
    canBehalf: false,
    days: [] as DayChip[],
    dayKey: '',
    slots: [] as SlotRow[],
    slotsLoaded: false,
    slotsError: '',
    slotId: '',
    slotTitle: '',
    slotOpen: false,
    bookings: [] as BookingRow[],
    bookingsLoaded: false,
    bookingsMore: false,
    bookingsLoadingMore: false,
    bookingsError: '',
    bookingsMoreError: '',
    panelId: '',
    note: '',
    noteErrors: emptyErrors(['note']),
    rowError: '',
    rowErrorId: '',
    sending: false,
    behalfOpen: false,
    behalfMember: '',
    behalfChannel: '',
    channels: CHANNELS,
    behalfReason: '',
    behalfErrors: emptyErrors(BEHALF_FIELDS),
    behalfError: '',
    behalfResult: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      if (query.serviceId) state(this).serviceId = decodeURIComponent(query.serviceId);
      // From the 代办 page: the resident already picked there.
      if (query.residentId && query.residentLabel) {
        state(this).behalfMemberId = decodeURIComponent(query.residentId);
        this.setData({ behalfMember: decodeURIComponent(query.residentLabel) });
      }
      void this.init();
    },
    onShow() {
      // Back from editing a service: names, schedule and slots may have changed.
      if (this.data.loaded && !this.data.error) void this.init();
    },
    async onPullDownRefresh() {
      await this.init();
      wx.stopPullDownRefresh();
    },
    onReachBottom() {
      void this.loadMore();
    },
    async init() {
      const s = state(this);
      const [me, services] = await Promise.all([call(getMe, {}), collectPages((cursor) => call(listServices, { cursor, limit: 50 }), 4)]);
      if (!me.ok || !services.ok) {
        this.setData({ loaded: true, error: !me.ok ? me.error.message : services.ok ? '' : services.error.message });
        return;
      }
      s.services = services.data.filter((v) => allows(v.allowedActions, 'booking.listForSlot'));
      const index = Math.max(0, s.services.findIndex((v) => v.id === s.serviceId));
      s.serviceId = s.services[index]?.id ?? '';
      const now = Date.now();
      const days = nextDays(now, 14);
      const keep = days.some((d) => d.key === this.data.dayKey) ? this.data.dayKey : dayKey(now);
      this.setData({
        loaded: true,
        error: '',
        noServices: s.services.length === 0,
        canCreate: allows(me.data.allowedActions, 'booking.upsertService'),
        serviceNames: s.services.map((v) => (v.active ? v.name : `${v.name}（已暂停）`)),
        days: days.map((d) => ({ key: d.key, weekday: d.weekday, date: d.date })),
        dayKey: keep,
      });
      this.showService();
      if (s.serviceId) await this.loadSlots();
    },
    showService() {
      const s = state(this);
      const index = s.services.findIndex((x) => x.id === s.serviceId);
      const v = s.services[index];
      this.setData({
        serviceIndex: Math.max(0, index),
        canEdit: allows(v?.allowedActions, 'booking.upsertService'),
        canBehalf: allows(v?.allowedActions, 'booking.create'),
      });
    },
    onService(e: WechatMiniprogram.PickerChange) {
      const v = state(this).services[Number(e.detail.value)];
      if (!v || v.id === state(this).serviceId) return;
      state(this).serviceId = v.id;
      this.showService();
      this.clearSlot();
      void this.loadSlots();
    },
    pickDay(e: Tap) {
      const key = e.currentTarget.dataset.key ?? '';
      if (!key || key === this.data.dayKey) return;
      this.setData({ dayKey: key });
      this.clearSlot();
      void this.loadSlots();
    },
    clearSlot() {
      bookings(this).clear();
      this.setData({ slotId: '', slotTitle: '', slotOpen: false, panelId: '', behalfOpen: false, behalfResult: '' });
    },
    /** The chosen Beijing day's slots: read from its 00:00 until a slot starts the next day. */
    async loadSlots() {
      const s = state(this);
      const gen = ++s.slotsGen;
      const from = dayStartOf(this.data.dayKey);
      const to = from + DAY_MS;
      const slots: SlotView[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 4; page++) {
        const res = await call(listSlots, { serviceId: s.serviceId, from, cursor, limit: PAGE_SIZE });
        if (gen !== s.slotsGen) return;
        if (!res.ok) {
          this.setData({ slotsLoaded: true, slotsError: res.error.message, slots: [] });
          return;
        }
        slots.push(...res.data.items.filter((x) => x.startAt >= from && x.startAt < to));
        const last = res.data.items[res.data.items.length - 1];
        if (!res.data.next || !last || last.startAt >= to) break;
        cursor = res.data.next;
      }
      // booking.slots lists nothing that has started, yet no-shows are marked after the
      // start: slots of this day already on screen stay until the page leaves the day.
      const now = Date.now();
      const started = s.slots.filter((x) => x.serviceId === s.serviceId && x.startAt >= from && x.startAt < Math.min(to, now) && !slots.some((y) => y.id === x.id));
      slots.unshift(...started);
      s.slots = slots;
      this.setData({ slotsLoaded: true, slotsError: '', slots: slots.map(staffSlotRow) });
      const chosen = slots.find((x) => x.id === this.data.slotId);
      if (this.data.slotId && !chosen) this.clearSlot();
      else if (chosen) {
        this.setData({ slotOpen: chosen.status === 'open' });
        await this.reloadBookings();
      }
    },
    selectSlot(e: Tap) {
      const slot = state(this).slots.find((x) => x.id === e.currentTarget.dataset.id);
      if (!slot) return;
      this.clearSlot();
      this.setData({ slotId: slot.id, slotTitle: timeRange(slot.startAt, slot.endAt), slotOpen: slot.status === 'open' });
      void this.reloadBookings();
    },
    async reloadBookings() {
      if (this.data.slotId) await bookings(this).reload(this.data.slotId);
    },
    async loadMore() {
      if (this.data.slotId) await bookings(this).loadMore();
    },

    // —— check-in and no-show ——
    openCheckIn(e: Tap) {
      checkInForm(this).clear();
      this.setData({ panelId: e.currentTarget.dataset.id ?? '', note: '', rowErrorId: '' });
    },
    closeCheckIn() {
      checkInForm(this).clear();
      this.setData({ panelId: '', note: '' });
    },
    onNote(e: WechatMiniprogram.TextareaInput) {
      this.setData({ note: e.detail.value, 'noteErrors.note': '' });
    },
    submitCheckIn() {
      const id = this.data.panelId;
      if (!id) return;
      const note = this.data.note.trim();
      void this.send(id, checkInForm(this), note ? { bookingId: id, note } : { bookingId: id }, '已登记到场');
    },
    noShow(e: Tap) {
      const id = e.currentTarget.dataset.id ?? '';
      const row = this.data.bookings.find((r) => r.id === id);
      if (!row) return;
      wx.showModal({
        title: '登记未到',
        content: `确认 ${row.residentName || '该居民'} 未到场？`,
        confirmText: '确认未到',
        cancelText: '再等等',
        success: (r) => {
          if (r.confirm) void this.send(id, noShowForm(this), { bookingId: id }, '已登记未到');
        },
      });
    },
    async send<C extends ActionContract>(id: string, form: FormSubmit<C, 'note'>, input: ContractInput<C>, done: string) {
      if (this.data.sending) return;
      this.setData({ rowErrorId: id });
      const res = await form.submit(input);
      if (!res?.ok) return;
      bookings(this).put(res.data as BookingView, (a, b) => a.id === b.id);
      this.setData({ panelId: '', note: '' });
      wx.showToast({ title: done, icon: 'success' });
    },

    callResident(e: Tap) {
      const row = this.data.bookings.find((r) => r.id === e.currentTarget.dataset.id);
      if (row?.residentPhone) wx.makePhoneCall({ phoneNumber: row.residentPhone });
    },

    // —— 代办: staff book a slot for a resident who cannot use the phone ——
    openBehalf() {
      behalfForm(this).clear();
      this.setData({ behalfOpen: true, behalfResult: '' });
    },
    closeBehalf() {
      behalfForm(this).clear();
      state(this).behalfMemberId = '';
      this.setData({ behalfOpen: false, behalfMember: '', behalfReason: '', behalfChannel: '' });
    },
    /** The resident found by name or room: their id goes with the booking, their name on screen. */
    onBehalfPick(e: WechatMiniprogram.CustomEvent<Picked>) {
      if (!e.detail.memberId) return;
      state(this).behalfMemberId = e.detail.memberId;
      this.setData({ behalfMember: e.detail.label, 'behalfErrors.onBehalfOf': '' });
    },
    onBehalfChannel(e: Tap) {
      this.setData({ behalfChannel: e.currentTarget.dataset.key ?? '', 'behalfErrors.channel': '' });
    },
    onBehalfReason(e: WechatMiniprogram.TextareaInput) {
      this.setData({ behalfReason: e.detail.value, 'behalfErrors.reason': '' });
    },
    async submitBehalf() {
      const slotId = this.data.slotId;
      if (!slotId || this.data.sending) return;
      // Both fields go to the schema even when empty, so its messages say what is missing.
      // Every field goes even when empty, so the schema's messages say what is missing.
      const input = { slotId, onBehalfOf: state(this).behalfMemberId, reason: this.data.behalfReason, channel: this.data.behalfChannel } as ContractInput<typeof createBooking>;
      const res = await behalfForm(this).submit(input);
      if (!res?.ok) return;
      const who = res.data.residentName ? `为${res.data.residentName}` : '为居民';
      state(this).behalfMemberId = '';
      this.setData({ behalfOpen: false, behalfMember: '', behalfReason: '', behalfChannel: '', behalfResult: `已${who}代办：${bookingResult(res.data)}` });
      void this.loadSlots();
    },

    // —— service admin ——
    goEdit() {
      const id = state(this).serviceId;
      if (id) wx.navigateTo({ url: `/staff/service-edit/index?id=${encodeURIComponent(id)}` });
    },
    goCreate() {
      wx.navigateTo({ url: '/staff/service-edit/index' });
    },
  },
});
