import { createCommunity, issueAdminCode, type AdminCodeView } from '../../core/subdistrict/contract';
import { formatDateTime } from '../../core/format';
import { emptyErrors } from '../../services/form';
import { formSubmit } from '../../services/form-submit';
import { call } from '../../services/api';

const form = formSubmit(createCommunity, { fields: ['name'] });

/** The code as it is read out or written down: 「ABCD-EFGH」. */
const spaced = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

/** 新建社区: the name, then the first admin's code to hand over (shown here once). */
Component({
  data: {
    name: '',
    errors: emptyErrors(['name']),
    formError: '',
    submitting: false,
    made: null as null | { communityId: string; communityName: string; code: string; expiresText: string },
    issuing: false,
  },
  methods: {
    onInput(e: WechatMiniprogram.Input) {
      this.setData({ name: e.detail.value, 'errors.name': '', formError: '' });
    },
    show(v: AdminCodeView) {
      this.setData({ made: { communityId: v.communityId, communityName: v.communityName, code: spaced(v.code), expiresText: formatDateTime(v.expiresAt) } });
    },
    async submit() {
      const res = await form(this).submit({ name: this.data.name.trim() });
      if (res?.ok) this.show(res.data);
    },
    async another() {
      const made = this.data.made;
      if (!made || this.data.issuing) return;
      this.setData({ issuing: true });
      const res = await call(issueAdminCode, { communityId: made.communityId });
      this.setData({ issuing: false });
      if (res.ok) this.show(res.data);
      else wx.showModal({ title: '没有生成', content: res.error.message, showCancel: false });
    },
    copy() {
      if (this.data.made) wx.setClipboardData({ data: this.data.made.code.replace('-', '') });
    },
    done() {
      wx.navigateBack();
    },
  },
});
