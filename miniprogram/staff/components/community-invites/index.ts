import { call } from '../../../services/api';
import type { ContractInput } from '../../../core/action';
import { issueInvites } from '../../../core/member/contract';
import { listBuildings, type BuildingView } from '../../../core/community/contract';
import { formatDateTime } from '../../../core/format';
import { itemErrors } from '../../../services/booking-view';
import { emptyErrors } from '../../../services/form';
import { formKeys, formSubmit } from '../../../services/form-submit';
import { collectPages } from '../../../services/paging';
import { instanceState } from '../../../services/page-state';
import { lazyTab } from '../../behaviors/lazy-tab';
import type { FieldInput, Tap } from '../community-events';

const MAX_INVITES = 50;
const INVITE_FIELDS = ['households', 'validDays'] as const;

interface InviteRow {
  key: string;
  buildingIndex: number;
  unit: string;
  room: string;
}

const state = instanceState(() => ({
  /** Every building, for the rows' picker; read again each time the tab is shown. */
  buildings: [] as BuildingView[],
  nextKey: 1,
  reading: false,
}));

const inviteForm = formSubmit(issueInvites, { fields: INVITE_FIELDS, keys: formKeys('invite') });

/** 社区管理 › 邀请码: one-time codes, a household a row, printed on slips. */
Component({
  behaviors: [lazyTab],
  options: { addGlobalClass: true },
  data: {
    buildingOptions: [] as string[],
    inviteRows: [] as InviteRow[],
    inviteRowErrors: {} as Record<number, string>,
    validDays: '30',
    inviteErrors: emptyErrors(INVITE_FIELDS),
    inviteError: '',
    invites: [] as Array<{ code: string; address: string; expiresText: string }>,
    maxInvites: MAX_INVITES,
    saving: false,
  },
  methods: {
    shown() {
      // Read again each time: another tab may have added a building since.
      void this.prepare();
    },
    async prepare() {
      const s = state(this);
      // Attaching and the first `active` both ask; one read in flight is enough.
      if (s.reading) return;
      s.reading = true;
      const res = await collectPages((cursor) => call(listBuildings, { cursor, limit: 50 }));
      s.reading = false;
      if (!res.ok) {
        this.setData({ inviteError: res.error.message });
        return;
      }
      // Rows keep the building they picked even if another tab added one before it.
      const picked = this.data.inviteRows.map((r) => s.buildings[r.buildingIndex]?.id);
      s.buildings = res.data;
      const patch: Record<string, unknown> = { buildingOptions: res.data.map((b) => b.name), inviteError: '' };
      picked.forEach((id, i) => {
        patch[`inviteRows[${i}].buildingIndex`] = id ? res.data.findIndex((b) => b.id === id) : -1;
      });
      this.setData(patch);
      if (this.data.inviteRows.length === 0) this.addInviteRow();
    },
    addInviteRow() {
      const rows = this.data.inviteRows;
      if (rows.length >= MAX_INVITES) return;
      const last = rows[rows.length - 1];
      // A new row keeps the building and unit of the last: slips go out a stairwell at a time.
      const row: InviteRow = { key: `r${state(this).nextKey++}`, buildingIndex: last ? last.buildingIndex : -1, unit: last ? last.unit : '', room: '' };
      this.setData({ [`inviteRows[${rows.length}]`]: row, 'inviteErrors.households': '' });
    },
    removeInviteRow(e: Tap) {
      const i = Number(e.currentTarget.dataset.index);
      const rows = this.data.inviteRows;
      if (!(i >= 0 && i < rows.length)) return;
      this.setData({ inviteRows: rows.filter((_, j) => j !== i), inviteRowErrors: {} });
    },
    onInviteField(e: FieldInput) {
      const i = Number(e.currentTarget.dataset.index);
      const field = e.currentTarget.dataset.field;
      if (!this.data.inviteRows[i]) return;
      if (field === 'building') this.setData({ [`inviteRows[${i}].buildingIndex`]: Number(e.detail.value), [`inviteRowErrors.${i}`]: '' });
      else if (field === 'unit' || field === 'room') this.setData({ [`inviteRows[${i}].${field}`]: e.detail.value, [`inviteRowErrors.${i}`]: '' });
    },
    onValidDays(e: FieldInput) {
      this.setData({ validDays: e.detail.value, 'inviteErrors.validDays': '' });
    },
    async submitInvites() {
      const buildings = state(this).buildings;
      const rows = this.data.inviteRows;
      const households = rows.map((r) => ({ buildingId: buildings[r.buildingIndex]?.id ?? '', unit: r.unit, room: r.room }));
      const input: Record<string, unknown> = { households };
      if (this.data.validDays.trim()) input.validDays = Number(this.data.validDays);
      this.setData({ inviteRowErrors: {}, invites: [] });
      const res = await inviteForm(this).submit(input as ContractInput<typeof issueInvites>);
      if (!res) return;
      if (!res.ok) {
        const rowErrors = itemErrors(res.error, 'households');
        // Zod reports the building first; a row without one gets the picker's words.
        for (const k of Object.keys(rowErrors)) if (!buildings[rows[Number(k)]?.buildingIndex]) rowErrors[Number(k)] = '请选择楼栋';
        // Row messages sit on their rows, not again above the button.
        if (Object.keys(rowErrors).length > 0) this.setData({ inviteRowErrors: rowErrors, 'inviteErrors.households': '', inviteError: '' });
        return;
      }
      this.setData({ invites: res.data.invites.map((v) => ({ code: v.code, address: v.address, expiresText: formatDateTime(v.expiresAt) })) });
    },
    copyInvites() {
      const lines = this.data.invites.map((v) => `${v.address}  邀请码：${v.code}  有效期至：${v.expiresText}`);
      if (lines.length === 0) return;
      wx.setClipboardData({ data: lines.join('\n') });
    },
  },
});
