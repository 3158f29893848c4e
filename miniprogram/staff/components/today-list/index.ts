import { call } from '../../../services/api';
import { acceptConcern } from '../../../core/concern/contract';
import { reviewRequest } from '../../../core/member/contract';
import { verifyHours } from '../../../core/hours/contract';
import { confirmProxy } from '../../../core/council/meeting-contract';
import type { ActionContract } from '../../../core/action';
import type { ActionName } from '../../../core/action-names';
import { today, type TodayRow } from '../../../core/workbench/contract';
import { badgeText } from '../../../services/badge';
import { instanceState } from '../../../services/page-state';

/**
 * The one-tap settles a row may offer, by action: only these contracts travel with the list,
 * not the whole table. A row naming another action still opens its page.
 */
const ACTS: Partial<Record<ActionName, ActionContract>> = {
  'concern.accept': acceptConcern,
  'member.reviewRequest': reviewRequest,
  'hours.verify': verifyHours,
  'meeting.confirmProxy': confirmProxy,
};

/** Settles worth a second look before they go: approving someone into a household. */
const CONFIRM: Partial<Record<ActionName, string>> = {
  'member.reviewRequest': '确认申请人住在这里并通过绑定？',
};

export interface TodayListRow {
  key: string;
  kindLabel: string;
  title: string;
  reason: string;
  overdue: boolean;
  openLabel: string;
  actLabel: string;
  /** Why the last tap on this row failed, in the server's words. */
  error: string;
}

const WORKBENCH = '/staff/workbench/index';

const state = instanceState(() => ({ rows: [] as TodayRow[] }));

const toListRow = (r: TodayRow): TodayListRow => ({
  key: r.key,
  kindLabel: r.kindLabel,
  title: r.title,
  reason: r.reason,
  overdue: r.overdue,
  openLabel: r.open.label,
  actLabel: r.act && ACTS[r.act.action] ? r.act.label : '',
  error: '',
});

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { key: string }>;

/**
 * 今日待办 at the top of the workbench: one list, late rows first, each saying why it is there,
 * with its one tap (settle it here, or open its page). Reloads when `stamp` changes (the page
 * bumps it on show and on pull-down); tells the page the total (`total` event), and hands it
 * rows whose page is the workbench itself (`here` event).
 */
Component({
  options: { addGlobalClass: true },
  properties: {
    stamp: { type: Number, value: 0 },
  },
  data: {
    loaded: false,
    error: '',
    rows: [] as TodayListRow[],
    /** 「12」「99+」; '' for none. */
    totalText: '',
    busyKey: '',
  },
  observers: {
    stamp(this: { load(): Promise<void> }, value: number) {
      if (value > 0) void this.load();
    },
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    async load() {
      const res = await call(today, {});
      if (!res.ok) {
        this.setData({ loaded: true, error: res.error.message });
        return;
      }
      state(this).rows = res.data.rows;
      this.show(res.data.rows, res.data.more);
    },
    show(rows: TodayRow[], more = false) {
      this.setData({ loaded: true, error: '', rows: rows.map(toListRow), totalText: badgeText(rows.length, more) });
      this.triggerEvent('total', { total: rows.length, more });
    },
    open(e: Tap) {
      const row = state(this).rows.find((r) => r.key === e.currentTarget.dataset.key);
      if (!row) return;
      // A row whose page is the workbench itself (binding review): the page shows that part.
      if (row.open.page.startsWith(WORKBENCH)) this.triggerEvent('here', { page: row.open.page });
      else wx.navigateTo({ url: row.open.page });
    },
    act(e: Tap) {
      const row = state(this).rows.find((r) => r.key === e.currentTarget.dataset.key);
      if (!row?.act || this.data.busyKey) return;
      const question = CONFIRM[row.act.action];
      if (!question) {
        void this.settle(row);
        return;
      }
      wx.showModal({ title: row.act.label, content: `${row.title}\n${question}`, confirmText: row.act.label, cancelText: '再看看', success: (r) => r.confirm && void this.settle(row) });
    },
    async settle(row: TodayRow) {
      const contract = row.act ? ACTS[row.act.action] : undefined;
      if (!row.act || !contract) return;
      this.setData({ busyKey: row.key });
      const res = await call(contract, row.act.input as never);
      this.setData({ busyKey: '' });
      if (!res.ok) {
        const i = this.data.rows.findIndex((r) => r.key === row.key);
        if (i >= 0) this.setData({ [`rows[${i}].error`]: res.error.message });
        return;
      }
      const s = state(this);
      s.rows = s.rows.filter((r) => r.key !== row.key);
      this.show(s.rows);
      wx.showToast({ title: `已${row.act.label}`, icon: 'success' });
    },
  },
});
