import { call } from '../../services/api';
import { listDepartments, type DepartmentView } from '../../core/department/contract';
import { instanceState } from '../../services/page-state';

/** Not rendered: the entries behind the picker's names. */
const state = instanceState(() => ({ departments: [] as DepartmentView[], loaded: false }));

/** How an entry reads in the picker: who it is, whose it is, and whether anyone will receive it. */
function pickerName(d: DepartmentView): string {
  return `${d.name}（${d.kindLabel}${d.shared ? '·街道共享' : ''}）${d.hasContact ? '' : ' 未设联系人'}`;
}

/**
 * The whistle form's department picker (吹哨): the directory's active entries by name,
 * and whether the resident's phone goes to the department (off unless the worker says so).
 */
export const whistlePicker = Behavior({
  data: {
    departmentNames: [] as string[],
    departmentIndex: -1,
    departmentPhone: '',
    departmentsError: '',
    departmentsEmpty: false,
    sharePhone: false,
  },
  methods: {
    async loadDepartments() {
      this.setData({ departmentIndex: -1, departmentPhone: '', sharePhone: false });
      const s = state(this);
      if (s.loaded) return;
      const res = await call(listDepartments, { activeOnly: true });
      if (!res.ok) {
        this.setData({ departmentsError: res.error.message });
        return;
      }
      s.departments = res.data.items;
      s.loaded = true;
      this.setData({ departmentsError: '', departmentsEmpty: s.departments.length === 0, departmentNames: s.departments.map(pickerName) });
    },
    onDepartment(e: WechatMiniprogram.PickerChange) {
      const i = Number(e.detail.value);
      const d = state(this).departments[i];
      if (d) this.setData({ departmentIndex: i, departmentPhone: d.phone ?? '', 'errors.departmentId': '' });
    },
    onSharePhone(e: WechatMiniprogram.SwitchChange) {
      this.setData({ sharePhone: e.detail.value === true });
    },
    /** The picked entry's id ('' when none: the shared schema then names the field). */
    pickedDepartmentId(): string {
      return state(this).departments[this.data.departmentIndex]?.id ?? '';
    },
  },
});
