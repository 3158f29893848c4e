import { call } from '../../services/api';
import {
  DEPARTMENT_KINDS,
  DEPARTMENT_KIND_LABELS,
  issueDepartmentCode,
  listDepartments,
  removeDepartmentContact,
  upsertDepartment,
  type DepartmentKind,
  type DepartmentView,
} from '../../core/department/contract';
import { formatDateTime } from '../../core/format';
import { emptyErrors } from '../../services/form';
import { formSubmit } from '../../services/form-submit';
import { instanceState } from '../../services/page-state';

const FIELDS = ['name', 'kind', 'phone'] as const;
const editForm = formSubmit(upsertDepartment, { fields: FIELDS });

interface Row {
  id: string;
  name: string;
  kindLabel: string;
  phone: string;
  shared: boolean;
  ownerName: string;
  active: boolean;
  contactText: string;
  canEdit: boolean;
  canRemoveContact: boolean;
}

function row(d: DepartmentView): Row {
  return {
    id: d.id,
    name: d.name,
    kindLabel: d.kindLabel,
    phone: d.phone ?? '',
    shared: d.shared,
    ownerName: d.ownerName ?? '',
    active: d.active,
    contactText: d.contact ? `联系人：${d.contact.name}` : d.hasContact ? '已有联系人' : '未设联系人',
    canEdit: d.allowedActions.includes('department.upsert'),
    canRemoveContact: d.allowedActions.includes('department.removeContact'),
  };
}

const state = instanceState(() => ({ items: [] as DepartmentView[] }));
const emptyDraft = () => ({ id: '', name: '', kindIndex: 0, phone: '', shared: false, active: true });

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id?: string }>;
type Input = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: string }>;

/** 部门名录 (admins): the units a whistle can call in, their contacts and join codes. */
Component({
  data: {
    loaded: false,
    error: '',
    items: [] as Row[],
    kindLabels: DEPARTMENT_KINDS.map((k) => DEPARTMENT_KIND_LABELS[k]),
    editing: false,
    draft: emptyDraft(),
    errors: emptyErrors(FIELDS),
    formError: '',
    submitting: false,
    /** The join code just issued, shown once to hand to the contact. */
    issued: null as null | { departmentName: string; code: string; expiresText: string },
  },
  methods: {
    onLoad() {
      void this.reload();
    },
    async onPullDownRefresh() {
      await this.reload();
      wx.stopPullDownRefresh();
    },
    async reload() {
      const res = await call(listDepartments, {});
      if (!res.ok) {
        this.setData({ loaded: true, error: res.error.message });
        return;
      }
      state(this).items = res.data.items;
      this.setData({ loaded: true, error: '', items: res.data.items.map(row) });
    },
    startAdd() {
      this.setData({ editing: true, draft: emptyDraft(), errors: emptyErrors(FIELDS), formError: '', issued: null });
    },
    startEdit(e: Tap) {
      const d = state(this).items.find((x) => x.id === e.currentTarget.dataset.id);
      if (!d) return;
      this.setData({
        editing: true,
        draft: { id: d.id, name: d.name, kindIndex: Math.max(0, DEPARTMENT_KINDS.indexOf(d.kind)), phone: d.phone ?? '', shared: d.shared, active: d.active },
        errors: emptyErrors(FIELDS),
        formError: '',
        issued: null,
      });
    },
    cancelEdit() {
      this.setData({ editing: false, formError: '' });
    },
    onInput(e: Input) {
      const field = e.currentTarget.dataset.field;
      if (field === 'name' || field === 'phone') this.setData({ [`draft.${field}`]: e.detail.value, [`errors.${field}`]: '', formError: '' });
    },
    onKind(e: WechatMiniprogram.PickerChange) {
      this.setData({ 'draft.kindIndex': Number(e.detail.value), 'errors.kind': '' });
    },
    onShared(e: WechatMiniprogram.SwitchChange) {
      this.setData({ 'draft.shared': e.detail.value === true });
    },
    onActive(e: WechatMiniprogram.SwitchChange) {
      this.setData({ 'draft.active': e.detail.value === true });
    },
    async save() {
      const d = this.data.draft;
      const kind: DepartmentKind = DEPARTMENT_KINDS[d.kindIndex] ?? 'other';
      const res = await editForm(this).submit({
        ...(d.id ? { departmentId: d.id } : {}),
        name: d.name,
        kind,
        ...(d.phone.trim() ? { phone: d.phone } : {}),
        shared: d.shared,
        active: d.active,
      });
      if (!res?.ok) return;
      this.setData({ editing: false });
      wx.showToast({ title: '已保存', icon: 'success' });
      await this.reload();
    },
    async issueCode(e: Tap) {
      const departmentId = e.currentTarget.dataset.id;
      if (!departmentId) return;
      const res = await call(issueDepartmentCode, { departmentId });
      if (!res.ok) {
        this.setData({ error: res.error.message });
        return;
      }
      this.setData({ issued: { departmentName: res.data.departmentName, code: res.data.code, expiresText: formatDateTime(res.data.expiresAt) } });
    },
    removeContact(e: Tap) {
      const departmentId = e.currentTarget.dataset.id;
      const d = state(this).items.find((x) => x.id === departmentId);
      if (!departmentId || !d) return;
      wx.showModal({
        title: '取消部门联系人',
        content: `${d.contact?.name ?? '该联系人'}将不再收到和查看${d.name}的协办请求。`,
        confirmText: '取消联系人',
        success: (r) => {
          if (r.confirm) void this.confirmRemove(departmentId);
        },
      });
    },
    async confirmRemove(departmentId: string) {
      const res = await call(removeDepartmentContact, { departmentId });
      if (!res.ok) {
        this.setData({ error: res.error.message });
        return;
      }
      wx.showToast({ title: '已取消', icon: 'success' });
      await this.reload();
    },
    copyCode() {
      const code = this.data.issued?.code;
      if (code) wx.setClipboardData({ data: code });
    },
  },
});
