import { call } from '../../services/api';
import { departmentQueue, redeemDepartmentCode, type DepartmentRequestSummary } from '../../core/department/contract';
import { getMe } from '../../core/member/contract';
import { dateText } from '../../services/dates';
import { emptyErrors } from '../../services/form';
import { formSubmit } from '../../services/form-submit';
import { pagedList } from '../../services/paged-list';

const PAGE_SIZE = 20;

interface Row {
  id: string;
  title: string;
  excerpt: string;
  where: string;
  dueText: string;
  open: boolean;
  overdue: boolean;
}

function row(r: DepartmentRequestSummary): Row {
  return {
    id: r.concernId,
    title: `${r.categoryName} · ${r.number}`,
    excerpt: r.excerpt,
    where: `${r.communityName} ${r.buildingName}`,
    dueText: r.open ? `请于 ${dateText(r.dueAt)} 前回复` : '已回复或已结束',
    open: r.open,
    overdue: r.overdue,
  };
}

const requests = pagedList({ fetch: (_q: null, cursor) => call(departmentQueue, { cursor, limit: PAGE_SIZE }), row, keys: { more: 'more' } });
const joinForm = formSubmit(redeemDepartmentCode, { fields: ['code', 'name'] });

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id?: string }>;
type Input = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: string }>;

/**
 * 部门协办: where a department's contact person lands. Not a contact yet: the join code the
 * community gave them. A contact: the requests whistled to their department, open ones first.
 */
Component({
  data: {
    checking: true,
    contact: false,
    loaded: false,
    error: '',
    items: [] as Row[],
    more: false,
    loadingMore: false,
    moreError: '',
    code: '',
    name: '',
    errors: emptyErrors(['code', 'name']),
    formError: '',
    submitting: false,
  },
  methods: {
    onLoad() {
      void this.start();
    },
    onShow() {
      if (this.data.contact) void this.reload();
    },
    async onPullDownRefresh() {
      await this.start();
      wx.stopPullDownRefresh();
    },
    onReachBottom() {
      if (this.data.contact) void requests(this).loadMore();
    },
    async start() {
      const me = await call(getMe, {});
      if (!me.ok) {
        this.setData({ checking: false, error: me.error.message });
        return;
      }
      const contact = me.data.allowedActions.includes('department.queue');
      this.setData({ checking: false, error: '', contact });
      if (contact) await this.reload();
    },
    async reload() {
      await requests(this).reload(null);
    },
    onInput(e: Input) {
      const field = e.currentTarget.dataset.field;
      if (field === 'code' || field === 'name') this.setData({ [field]: e.detail.value, [`errors.${field}`]: '', formError: '' });
    },
    async join() {
      const res = await joinForm(this).submit({ code: this.data.code, name: this.data.name });
      if (!res?.ok) return;
      wx.showToast({ title: `已成为${res.data.department.name}联系人`, icon: 'success' });
      this.setData({ contact: true, code: '', name: '' });
      await this.reload();
    },
    open(e: Tap) {
      const id = e.currentTarget.dataset.id;
      if (id) wx.navigateTo({ url: `/staff/department/request?id=${encodeURIComponent(id)}` });
    },
  },
});
