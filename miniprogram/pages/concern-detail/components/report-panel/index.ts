import type { ContractInput } from '../../../../core/action';
import { reportContent } from '../../../../core/moderation/contract';
import { emptyErrors } from '../../../../services/form';
import { formSubmit } from '../../../../services/form-submit';

const FIELDS = ['reason'] as const;
const report = formSubmit(reportContent, { fields: FIELDS, keys: { errors: 'errors', message: 'formError', busy: 'sending' } });

/**
 * 举报不当内容: a button that opens a one-box form and sends moderation.report. Fires
 * `toggle` ({ open }) so the page can keep its other forms out of the way, and closes when
 * the page sets `open` to false.
 */
Component({
  options: { addGlobalClass: true },
  properties: {
    /** 'concernText' (subjectId = the concern) or 'photo' (subjectId = the file id). */
    subjectType: { type: String, value: 'concernText' },
    subjectId: { type: String, value: '' },
    /** Open or closed; the panel opens and closes itself too, and says so with `toggle`. */
    open: { type: Boolean, value: false },
    /** The toast after a report that did not hide the content at once. */
    doneText: { type: String, value: '已举报，感谢反馈' },
    /** Words the reporter may recognise; they differ a little between residents and staff. */
    placeholder: { type: String, value: '例如：含有辱骂或他人隐私' },
    hint: { type: String, value: '社区工作人员会核实；多人举报的内容会先隐藏，待审核。' },
  },
  data: {
    reason: '',
    errors: emptyErrors(FIELDS),
    formError: '',
    sending: false,
  },
  methods: {
    openPanel() {
      report(this).clear();
      this.setData({ open: true, reason: '' });
      this.triggerEvent('toggle', { open: true });
    },
    close() {
      report(this).clear();
      this.setData({ open: false });
      this.triggerEvent('toggle', { open: false });
    },
    onReason(e: WechatMiniprogram.TextareaInput) {
      this.setData({ reason: e.detail.value, 'errors.reason': '', formError: '' });
    },
    async submit() {
      const { subjectType, subjectId, reason } = this.data;
      // A photo is named by its file id; a concern's words by the concern.
      const input: ContractInput<typeof reportContent> =
        subjectType === 'photo' ? { subjectType: 'photo', fileId: subjectId, reason } : { subjectType: 'concernText', subjectId, reason };
      const res = await report(this).submit(input);
      if (!res?.ok) return;
      this.setData({ open: false, reason: '' });
      this.triggerEvent('toggle', { open: false });
      wx.showToast({ title: res.data.hidden ? '已举报，内容已隐藏待审核' : this.data.doneText, icon: 'success' });
    },
  },
});
