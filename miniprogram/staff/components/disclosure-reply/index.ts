import { answerQuestion, respondToObjection } from '../../../core/disclosure/contract';
import { emptyErrors } from '../../../services/form';
import { formSubmit } from '../../../services/form-submit';

const FIELDS = ['text'] as const;
const answer = formSubmit(answerQuestion, { fields: FIELDS });
const respond = formSubmit(respondToObjection, { fields: FIELDS });

/**
 * One reply under a resident's question or a committee member's objection: folded behind a
 * button, a box and 「发送答复」 once opened. The reply is public (the question's asker is
 * masked, the objection's member is named in office), so the hint says so. Fires `replied`
 * with what the server answered: a QuestionView (`mode: answer`) or an ItemView (`respond`).
 */
Component({
  options: { addGlobalClass: true },
  properties: {
    /** `answer`: a question (`questionId`); `respond`: an objection (`itemId`, `opinionId`). */
    mode: { type: String, value: 'answer' },
    questionId: { type: String, value: '' },
    itemId: { type: String, value: '' },
    opinionId: { type: String, value: '' },
  },
  data: {
    open: false,
    text: '',
    errors: emptyErrors(FIELDS),
    formError: '',
    submitting: false,
  },
  methods: {
    openForm() {
      this.setData({ open: true });
    },
    close() {
      (this.data.mode === 'respond' ? respond(this) : answer(this)).clear();
      this.setData({ open: false });
    },
    onText(e: WechatMiniprogram.TextareaInput) {
      this.setData({ text: e.detail.value, 'errors.text': '', formError: '' });
    },
    async submit() {
      const text = this.data.text.trim();
      const res =
        this.data.mode === 'respond'
          ? await respond(this).submit({ itemId: this.data.itemId, opinionId: this.data.opinionId, text })
          : await answer(this).submit({ questionId: this.data.questionId, text });
      if (!res?.ok) return;
      this.setData({ open: false, text: '' });
      this.triggerEvent('replied', res.data);
    },
  },
});
