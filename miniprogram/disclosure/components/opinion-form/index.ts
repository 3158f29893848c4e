import { recordOpinion } from '../../../core/disclosure/contract';
import { OPINION_STANCE_LABELS, type OpinionStance } from '../../../core/disclosure/vocabulary';
import { emptyErrors } from '../../../services/form';
import { formSubmit } from '../../../services/form-submit';

const FIELDS = ['stance', 'text'] as const;
const opinion = formSubmit(recordOpinion, { fields: FIELDS, whenEmpty: { stance: '请选择有无异议' } });

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { stance?: string }>;

/**
 * 监督意见 of a committee member on one published version: 无异议, or 有异议 with the reasons
 * (an objection puts a banner on the item until the community answers it). One per member
 * and version; the server refuses a member who drafted or published the item. Fires `done`
 * with the item as it now stands.
 */
Component({
  options: { addGlobalClass: true },
  properties: {
    itemId: { type: String, value: '' },
    versionNumber: { type: Number, value: 0 },
  },
  data: {
    stance: '' as OpinionStance | '',
    text: '',
    errors: emptyErrors(FIELDS),
    formError: '',
    submitting: false,
    placeholder: '无异议可以不写；有异议请写明理由，例如：第3行支出没有附发票',
  },
  observers: {
    'itemId, versionNumber'() {
      this.setData({ stance: '', text: '', errors: emptyErrors(FIELDS), formError: '' });
    },
  },
  methods: {
    pick(e: Tap) {
      const stance = e.currentTarget.dataset.stance === 'objection' ? 'objection' : 'agree';
      this.setData({ stance, 'errors.stance': '' });
    },
    onText(e: WechatMiniprogram.TextareaInput) {
      this.setData({ text: e.detail.value, 'errors.text': '' });
    },
    async submit() {
      const res = await opinion(this).submit({
        itemId: this.data.itemId,
        versionNumber: this.data.versionNumber,
        // '' (nothing chosen) fails the shared schema with 「请选择有无异议」 before anything is sent.
        stance: this.data.stance as OpinionStance,
        text: this.data.text,
      });
      if (!res || !res.ok) return;
      const stance = this.data.stance as OpinionStance;
      this.setData({ stance: '', text: '' });
      wx.showToast({ title: `已登记：${OPINION_STANCE_LABELS[stance]}`, icon: 'success' });
      this.triggerEvent('done', { item: res.data });
    },
  },
});
