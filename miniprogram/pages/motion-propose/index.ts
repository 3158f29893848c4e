import { call } from '../../services/api';
import { motionSettings, proposeMotion } from '../../core/council/motion-contract';
import { emptyErrors, fieldErrors } from '../../services/form';
import { formSubmit } from '../../services/form-submit';

const FIELDS = ['title', 'body'] as const;
const TITLE_MAX = 60;
const BODY_MAX = 2000;

// Left empty, the schema's "at least N characters" reads oddly: say what to write instead.
const proposeForm = formSubmit(proposeMotion, { fields: FIELDS, whenEmpty: { title: '请填写议题标题', body: '请写下议题内容：想办什么事、为什么' } });

/**
 * 提议题: a title and what is proposed. The page says before anything is sent that the
 * mover's name is shown to everyone and how much support it needs in how many days (the
 * community's setting, frozen on the motion); a refusal shows under its field.
 */
Component({
  data: {
    loaded: false,
    loadError: '',
    canPropose: true,
    ruleText: '',
    title: '',
    body: '',
    bodyLength: 0,
    titleMax: TITLE_MAX,
    bodyMax: BODY_MAX,
    errors: emptyErrors(FIELDS),
    formError: '',
    submitting: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async load() {
      const res = await call(motionSettings, {});
      if (!res.ok) {
        this.setData({ loaded: true, loadError: res.error.message });
        return;
      }
      const s = res.data;
      this.setData({
        loaded: true,
        loadError: '',
        canPropose: s.allowedActions.includes('motion.propose'),
        ruleText: `提出后须在${s.supportDays}天内得到${s.thresholdText}，才会列入会议议程；达到后社区在${s.answerDays}天内安排上会，或答复不上会的理由。`,
      });
    },
    onTitle(e: WechatMiniprogram.Input) {
      this.setData({ title: e.detail.value, 'errors.title': '' });
    },
    onBody(e: WechatMiniprogram.Input) {
      this.setData({ body: e.detail.value, bodyLength: e.detail.value.length, 'errors.body': '' });
    },
    async submit() {
      const res = await proposeForm(this).submit({ title: this.data.title, body: this.data.body, buildingIds: [] });
      if (!res) return;
      if (!res.ok) {
        // The content check names the field it refused; form.ts reads field issues of
        // VALIDATION_ERROR only, so this one is put under its field here.
        if (res.error.code === 'CONTENT_REJECTED') {
          const errors = fieldErrors({ ...res.error, code: 'VALIDATION_ERROR' });
          const shown = FIELDS.filter((f) => errors[f]);
          if (shown.length > 0) this.setData({ formError: '', ...Object.fromEntries(shown.map((f) => [`errors.${f}`, errors[f]])) });
        }
        return;
      }
      wx.redirectTo({ url: `/pages/motion/index?motionId=${encodeURIComponent(res.data.id)}` });
    },
  },
});
