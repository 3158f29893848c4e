import { call } from '../../services/api';
import { answerDepartmentRequest, getDepartmentRequest, type DepartmentRequestView } from '../../core/department/contract';
import { dateText } from '../../services/dates';
import { emptyErrors } from '../../services/form';
import { formSubmit } from '../../services/form-submit';
import { instanceState } from '../../services/page-state';

const state = instanceState(() => ({ id: '' }));
const answerForm = formSubmit(answerDepartmentRequest, { fields: ['text'] });

/** What the page shows of a request; no ids, no resident's name. */
function present(r: DepartmentRequestView) {
  return {
    title: `${r.categoryName} · ${r.number}`,
    where: `${r.communityName} ${r.buildingName}`,
    text: r.text,
    photos: r.photos,
    ask: r.ask,
    askedText: dateText(r.askedAt),
    dueText: dateText(r.dueAt),
    open: r.open,
    overdue: r.overdue,
    handlerName: r.handlerName ?? '',
    residentPhone: r.residentPhone ?? '',
    answers: r.answers.map((a) => ({ text: a.text, atText: dateText(a.at) })),
    canAnswer: r.allowedActions.includes('department.answer'),
  };
}

type Input = WechatMiniprogram.CustomEvent<{ value: string }>;
type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { src?: string }>;

/** One request whistled to the contact's department, and their answer (报到). */
Component({
  data: {
    loading: true,
    error: '',
    request: null as ReturnType<typeof present> | null,
    text: '',
    errors: emptyErrors(['text']),
    formError: '',
    submitting: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      state(this).id = query.id ? decodeURIComponent(query.id) : '';
      void this.load();
    },
    async load() {
      const concernId = state(this).id;
      if (!concernId) {
        this.setData({ loading: false, error: '没有找到这条协办请求' });
        return;
      }
      const res = await call(getDepartmentRequest, { concernId });
      if (!res.ok) {
        this.setData({ loading: false, error: res.error.message });
        return;
      }
      this.setData({ loading: false, error: '', request: present(res.data) });
    },
    onText(e: Input) {
      this.setData({ text: e.detail.value, 'errors.text': '', formError: '' });
    },
    async answer() {
      const res = await answerForm(this).submit({ concernId: state(this).id, text: this.data.text });
      if (!res?.ok) return;
      this.setData({ text: '', request: present(res.data) });
      wx.showToast({ title: '已回复社区', icon: 'success' });
    },
    callResident() {
      const phone = this.data.request?.residentPhone;
      if (phone) wx.makePhoneCall({ phoneNumber: phone });
    },
    preview(e: Tap) {
      const src = e.currentTarget.dataset.src;
      if (src && this.data.request) wx.previewImage({ current: src, urls: this.data.request.photos });
    },
  },
});
