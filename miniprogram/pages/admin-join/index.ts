import { redeemAdminCode } from '../../core/subdistrict/contract';
import { emptyErrors } from '../../services/form';
import { formSubmit } from '../../services/form-submit';

const FIELDS = ['code', 'name'] as const;
const form = formSubmit(redeemAdminCode, { fields: FIELDS });

type Input = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: string }>;

/** 社区管理员加入: the code the 街道 gave, and the admin's name. */
Component({
  data: {
    code: '',
    name: '',
    errors: emptyErrors(FIELDS),
    formError: '',
    submitting: false,
    joined: '',
  },
  methods: {
    onInput(e: Input) {
      const field = e.currentTarget.dataset.field;
      if (field === 'code' || field === 'name') this.setData({ [field]: e.detail.value, [`errors.${field}`]: '', formError: '' });
    },
    async submit() {
      const res = await form(this).submit({ code: this.data.code, name: this.data.name.trim() });
      if (res?.ok) this.setData({ joined: res.data.communityName });
    },
    goWorkbench() {
      wx.navigateTo({ url: '/staff/workbench/index' });
    },
  },
});
