import { call } from '../../services/api';
import { createBooking, getService, listSlots, PROMOTION_WINDOW_HOURS, type ServiceView, type SlotView } from '../../core/booking/contract';
import { bookableFrom, bookingResult, durationText, placeText, serviceRules, slotRow, type SlotRow } from '../../services/booking-view';
import { groupByDay, timeRange, type DayGroup } from '../../services/date-strip';
import { collectPages } from '../../services/paging';
import { instanceState } from '../../services/page-state';
import { formSubmit } from '../../services/form-submit';
import { allows } from '../../services/view';
import { askConsent, loadTemplates } from '../../services/consent';
import type { TemplateRequest } from '../../core/notify/contract';

interface ServiceHead {
  name: string;
  description: string;
  placeText: string;
  durationText: string;
  paused: boolean;
}

interface DayChip {
  key: string;
  weekday: string;
  date: string;
}

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id?: string; key?: string }>;

/**
 * The booking controller keeps one idempotency key per slot until the server answers, so a
 * retry after a lost answer does not book twice. `pending` is the slot in flight or lost to
 * the network, for the retry button and to ask for consent once per intent.
 */
const bookForm = formSubmit(createBooking, { fields: [], keys: { errors: 'bookErrors', message: 'outcome', busy: 'booking' } });

const state = instanceState(() => ({
  id: '',
  service: null as ServiceView | null,
  groups: [] as DayGroup<SlotView>[],
  pending: null as { slotId: string } | null,
  /** Fetched on load so the confirming tap can ask for consent without waiting. */
  templates: [] as TemplateRequest[],
}));

Component({
  data: {
    loading: true,
    error: '',
    service: null as ServiceHead | null,
    rules: [] as string[],
    canBook: false,
    days: [] as DayChip[],
    dayKey: '',
    slots: [] as SlotRow[],
    slotsLoaded: false,
    slotsError: '',
    booking: false,
    outcome: '',
    outcomeDetail: '',
    outcomeOk: false,
    canRetry: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const s = state(this);
      s.id = query.id ? decodeURIComponent(query.id) : '';
      void this.load();
      void loadTemplates('booking.create').then((t) => {
        s.templates = t;
      });
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    async load() {
      const s = state(this);
      if (!s.id) {
        this.setData({ loading: false, error: '没有找到这项服务' });
        return;
      }
      const [service] = await Promise.all([call(getService, { serviceId: s.id }), this.loadSlots()]);
      if (!service.ok) {
        this.setData({ loading: false, error: service.error.message });
        return;
      }
      const v = service.data;
      s.service = v;
      this.setData({
        loading: false,
        error: '',
        service: {
          name: v.name,
          description: v.description,
          placeText: placeText(v.location, v.homeVisit),
          durationText: durationText(v.durationMinutes),
          paused: !v.active,
        },
        rules: serviceRules(v),
        canBook: allows(v.allowedActions, 'booking.create'),
      });
      // The slots may have arrived first: now the notice hours are known, mark the late ones.
      const shown = s.groups.find((g) => g.day.key === this.data.dayKey);
      if (shown) this.setData({ slots: this.slotRows(shown.items) });
    },
    /** The day's slots as rows; those inside the service's notice window read 已截止. */
    slotRows(items: SlotView[]): SlotRow[] {
      const from = bookableFrom(state(this).service?.minNoticeHours ?? 0, Date.now());
      return items.map((x) => slotRow(x, from));
    },
    /** Reads the coming slots and groups them into the date strip; keeps the chosen day. */
    async loadSlots() {
      const s = state(this);
      const res = await collectPages((cursor) => call(listSlots, { serviceId: s.id, cursor, limit: 50 }), 8);
      if (!res.ok) {
        this.setData({ slotsLoaded: true, slotsError: res.error.message });
        return;
      }
      s.groups = groupByDay(res.data, Date.now(), 14);
      const keep = s.groups.find((g) => g.day.key === this.data.dayKey) ?? s.groups[0];
      this.setData({
        slotsLoaded: true,
        slotsError: '',
        days: s.groups.map((g) => ({ key: g.day.key, weekday: g.day.weekday, date: g.day.date })),
        dayKey: keep?.day.key ?? '',
        slots: keep ? this.slotRows(keep.items) : [],
      });
    },
    pickDay(e: Tap) {
      const key = e.currentTarget.dataset.key;
      const group = state(this).groups.find((g) => g.day.key === key);
      if (!group || key === this.data.dayKey) return;
      this.setData({ dayKey: group.day.key, slots: this.slotRows(group.items) });
    },
    findSlot(slotId: string): { slot: SlotView; group: DayGroup<SlotView> } | undefined {
      for (const group of state(this).groups) {
        const slot = group.items.find((x) => x.id === slotId);
        if (slot) return { slot, group };
      }
      return undefined;
    },
    tapSlot(e: Tap) {
      const s = state(this);
      const found = this.findSlot(e.currentTarget.dataset.id ?? '');
      if (!found || !s.service || !this.data.canBook || this.data.booking || found.slot.status === 'closed') return;
      if (found.slot.startAt < bookableFrom(s.service.minNoticeHours, Date.now())) return;
      const { slot, group } = found;
      const lines = [s.service.name, `${group.day.label} ${timeRange(slot.startAt, slot.endAt)}`, placeText(s.service.location, s.service.homeVisit)];
      if (slot.waitlistOnly) lines.push(`该时段已满，将为您登记候补（前面${slot.waitlistCount}人）。有名额空出时会通知您确认。`);
      wx.showModal({
        title: slot.waitlistOnly ? '登记候补' : '确认预约',
        content: lines.join('\n'),
        confirmText: slot.waitlistOnly ? '登记候补' : '确认预约',
        cancelText: '再想想',
        success: (r) => {
          if (!r.confirm) return;
          // The 确认预约 tap: WeChat's subscribe panel opens from here, before any await.
          // A retry of the same slot was asked about already and is not asked again.
          const fresh = !s.pending || s.pending.slotId !== slot.id;
          void this.book(slot.id, fresh ? askConsent(wx, s.templates) : Promise.resolve());
        },
      });
    },
    retry() {
      const pending = state(this).pending;
      if (pending) void this.book(pending.slotId);
    },
    async book(slotId: string, consent: Promise<void> = Promise.resolve()) {
      const s = state(this);
      if (this.data.booking) return;
      s.pending = { slotId };
      this.setData({ outcomeDetail: '', canRetry: false });
      // Whatever the resident chose in WeChat's panel, the booking goes ahead.
      const res = await bookForm(this).submit({ slotId }, consent);
      if (!res) return;
      if (!res.ok) {
        const lost = res.error.code === 'NETWORK_ERROR';
        if (!lost) s.pending = null;
        this.setData({ outcomeOk: false, canRetry: lost });
        wx.showModal({ title: lost ? '网络不稳定' : '未能预约', content: res.error.message, showCancel: false, confirmText: '知道了' });
        // Seats, waitlist or closure changed under the resident: show the slots as they are now.
        if (!lost && res.error.code !== 'VALIDATION_ERROR') void this.loadSlots();
        return;
      }
      s.pending = null;
      const b = res.data;
      const outcome = bookingResult(b);
      const where = placeText(b.location);
      const detail =
        b.status === 'waitlisted'
          ? `有名额空出时会通知您，请在通知后${PROMOTION_WINDOW_HOURS}小时内确认。`
          : `${b.serviceName}，${timeRange(b.startAt, b.endAt)}，${where}。不能前往请提前取消。`;
      this.setData({ outcome, outcomeDetail: detail, outcomeOk: true, canRetry: false });
      wx.showModal({ title: outcome, content: detail, showCancel: false, confirmText: '知道了' });
      void this.loadSlots();
    },
    goBookings() {
      wx.navigateTo({ url: '/pages/bookings/index' });
    },
  },
});
