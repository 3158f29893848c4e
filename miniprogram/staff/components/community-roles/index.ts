import { call } from '../../../services/api';
import type { ContractInput } from '../../../core/action';
import { setRoles } from '../../../core/member/contract';
import { listGrids, type GridView } from '../../../core/community/contract';
import { ROLE_LABELS, type MemberRole } from '../../../core/roles';
import { emptyErrors } from '../../../services/form';
import { formKeys, formSubmit } from '../../../services/form-submit';
import { collectPages } from '../../../services/paging';
import { instanceState } from '../../../services/page-state';
import { lazyTab } from '../../behaviors/lazy-tab';
import type { FieldInput } from '../community-events';
import type { Picked } from '../member-picker/index';

const ROLE_FIELDS = ['memberId', 'roles', 'gridIds', 'name'] as const;

/** Roles an admin may hand out here. 居民 is absent on purpose: it comes only from binding a household. */
const GRANTABLE_ROLES: readonly MemberRole[] = ['volunteer', 'gridWorker', 'admin'];

interface Check {
  value: string;
  label: string;
  checked: boolean;
}

const roleChecks = (chosen: readonly string[] = []): Check[] =>
  GRANTABLE_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r], checked: chosen.includes(r) }));

/** The member picked: their id goes to the server, never onto the screen. */
const state = instanceState(() => ({ grids: [] as GridView[], reading: false, memberId: '' }));

const rolesForm = formSubmit(setRoles, { fields: ROLE_FIELDS, keys: formKeys('role'), whenEmpty: { memberId: '请先查找并选择成员' } });

/** 社区管理 › 成员角色: replaces one member's roles, and a grid worker's grids. */
Component({
  behaviors: [lazyTab],
  options: { addGlobalClass: true },
  data: {
    memberLabel: '',
    memberName: '',
    roleChecks: roleChecks(),
    showRoleGrids: false,
    roleGrids: [] as Check[],
    roleErrors: emptyErrors(ROLE_FIELDS),
    roleError: '',
    roleResult: '',
    saving: false,
  },
  methods: {
    shown() {
      // Read again each time: another tab may have added a grid since.
      void this.loadGrids();
    },
    async loadGrids() {
      const s = state(this);
      // Attaching and the first `active` both ask; one read in flight is enough.
      if (s.reading) return;
      s.reading = true;
      const res = await collectPages((cursor) => call(listGrids, { cursor, limit: 50 }));
      s.reading = false;
      // Without the list the form still works for roles that need no grid.
      if (!res.ok) return;
      s.grids = res.data;
      const ticked = this.data.roleGrids.filter((c) => c.checked).map((c) => c.value);
      this.setData({ roleGrids: res.data.map((g) => ({ value: g.id, label: g.name, checked: ticked.includes(g.id) })) });
    },
    /** A person picked by name or room: their present roles are ticked, to change from. */
    onPick(e: WechatMiniprogram.CustomEvent<Picked>) {
      const p = e.detail;
      if (!p.memberId) return;
      state(this).memberId = p.memberId;
      const roles = p.roles ?? [];
      this.setData({
        memberLabel: p.label,
        roleChecks: roleChecks(roles),
        showRoleGrids: roles.includes('gridWorker'),
        'roleErrors.memberId': '',
        roleResult: '',
      });
    },
    onMemberName(e: FieldInput) {
      this.setData({ memberName: e.detail.value, 'roleErrors.name': '', roleResult: '' });
    },
    onRoles(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      const chosen = e.detail.value;
      this.setData({ roleChecks: roleChecks(chosen), showRoleGrids: chosen.includes('gridWorker'), 'roleErrors.roles': '', roleResult: '' });
    },
    onRoleGrids(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      const chosen = e.detail.value;
      this.setData({ roleGrids: this.data.roleGrids.map((c) => ({ ...c, checked: chosen.includes(c.value) })), 'roleErrors.gridIds': '', roleResult: '' });
    },
    submitRoles() {
      if (rolesForm(this).busy) return;
      const roles = this.data.roleChecks.filter((c) => c.checked).map((c) => c.value as MemberRole);
      const input: Record<string, unknown> = {
        roles,
        // Grids matter only to grid workers; the server drops them otherwise, so do we.
        gridIds: roles.includes('gridWorker') ? this.data.roleGrids.filter((c) => c.checked).map((c) => c.value) : [],
      };
      // Nobody picked goes as missing, so the message says to pick someone.
      if (state(this).memberId) input.memberId = state(this).memberId;
      if (this.data.memberName.trim()) input.name = this.data.memberName;
      // Nobody picked: the form says so under the picker, no dialog first.
      if (!state(this).memberId) {
        void this.sendRoles(input as ContractInput<typeof setRoles>);
        return;
      }
      const labels = roles.map((r) => ROLE_LABELS[r]).join('、') || '无';
      // Roles are replaced, not added to: one confirming tap before that happens.
      wx.showModal({
        title: '设置角色',
        content: `${this.data.memberLabel || '该成员'} 的角色将设为：${labels}。原有角色会被替换，确定吗？`,
        confirmText: '确定',
        cancelText: '再看看',
        success: (r) => {
          if (r.confirm) void this.sendRoles(input as ContractInput<typeof setRoles>);
        },
      });
    },
    async sendRoles(input: ContractInput<typeof setRoles>) {
      this.setData({ roleResult: '' });
      const res = await rolesForm(this).submit(input);
      if (!res?.ok) return;
      const m = res.data;
      const grids = state(this).grids;
      const roles = m.roles.map((r) => ROLE_LABELS[r] ?? r).join('、') || '无角色';
      const names = m.gridIds.map((id) => grids.find((g) => g.id === id)?.name ?? id).join('、');
      const who = m.name ?? this.data.memberLabel;
      this.setData({ roleResult: `${who} 现在的角色：${roles}${names ? `；负责网格：${names}` : ''}` });
    },
  },
});
