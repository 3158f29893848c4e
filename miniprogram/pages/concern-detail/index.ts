import type { ActionContract, ContractInput } from '../../core/action';
import { rateConcern, reopenConcern, supplementConcern, withdrawConcern, type ConcernView } from '../../core/concern/contract';
import { concernIdOf, concernPage } from '../../behaviors/concern-page';
import { allows, type Audience } from '../../services/view';
import { STAFF_CONCERN_ACTIONS } from '../../services/concern-view';
import { emptyErrors } from '../../services/form';
import { formSubmit, type FormSpec, type FormSubmit } from '../../services/form-submit';

const FIELDS = ['resolved', 'satisfaction', 'comment', 'reason', 'text', 'photos'] as const;
type Field = (typeof FIELDS)[number];
type Panel = '' | 'reopen' | 'supplement';
/** Which form a message belongs to, so it shows under that form's button. */
type FormName = 'rate' | 'reopen' | 'supplement' | 'withdraw';

const STAR_LABELS = ['', '很不满意', '不满意', '一般', '满意', '非常满意'];

// The resident's four actions share the field messages and the busy flag: one at a time.
const spec: FormSpec<Field> = { fields: FIELDS, keys: { busy: 'sending' } };
const forms = {
  rate: formSubmit(rateConcern, spec),
  reopen: formSubmit(reopenConcern, spec),
  supplement: formSubmit(supplementConcern, spec),
  withdraw: formSubmit(withdrawConcern, spec),
};

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { value?: string }>;

Component({
  behaviors: [concernPage],
  data: {
    created: false,
    canRate: false,
    canReopen: false,
    canSupplement: false,
    canWithdraw: false,
    canHandle: false,
    canReport: false,
    reporting: false,
    panel: '' as Panel,
    rateResolved: '' as '' | 'yes' | 'no',
    rateStars: 0,
    starLabel: '',
    starValues: [1, 2, 3, 4, 5],
    rateComment: '',
    reason: '',
    supText: '',
    errors: emptyErrors(FIELDS),
    formError: '',
    formErrorAt: '' as '' | FormName,
    sending: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ created: query.created === '1' });
      this.openConcern(query);
    },
    audience(): Audience {
      return 'resident';
    },
    present(c: ConcernView): Record<string, unknown> {
      const a = c.allowedActions;
      const canReopen = allows(a, 'concern.reopen');
      const canSupplement = allows(a, 'concern.supplement');
      const panel = this.data.panel;
      return {
        // Offered by the server only where the caller sees someone else's words.
        canReport: allows(a, 'moderation.report'),
        canRate: allows(a, 'concern.rate'),
        canReopen,
        canSupplement,
        canWithdraw: allows(a, 'concern.withdraw'),
        canHandle: allows(a, ...STAFF_CONCERN_ACTIONS),
        // A form the server no longer offers closes with it.
        panel: (panel === 'reopen' && !canReopen) || (panel === 'supplement' && !canSupplement) ? '' : panel,
      };
    },
    /** Sends one resident action; on success re-renders from the answer and clears the forms. */
    async send<C extends ActionContract>(name: FormName, form: FormSubmit<C, Field>, input: ContractInput<C>, done: string) {
      if (this.data.sending) return;
      this.setData({ formErrorAt: name });
      const res = await form.submit(input);
      if (!res?.ok) return;
      this.setData({ panel: '', rateResolved: '', rateStars: 0, starLabel: '', rateComment: '', reason: '', supText: '', photos: [] });
      this.show(res.data as ConcernView);
      wx.showToast({ title: done, icon: 'success' });
    },

    // —— rating ——
    pickResolved(e: Tap) {
      this.setData({ rateResolved: e.currentTarget.dataset.value === 'no' ? 'no' : 'yes', 'errors.resolved': '' });
    },
    pickStar(e: Tap) {
      const n = Number(e.currentTarget.dataset.value);
      if (!(n >= 1 && n <= 5)) return;
      this.setData({ rateStars: n, starLabel: STAR_LABELS[n], 'errors.satisfaction': '' });
    },
    onRateComment(e: WechatMiniprogram.TextareaInput) {
      this.setData({ rateComment: e.detail.value });
    },
    submitRate() {
      const d = this.data;
      const input: Record<string, unknown> = { concernId: concernIdOf(this) };
      // Unanswered questions go to the schema as missing, so its messages say what to pick.
      if (d.rateResolved) input.resolved = d.rateResolved === 'yes';
      if (d.rateStars > 0) input.satisfaction = d.rateStars;
      if (d.rateComment.trim()) input.comment = d.rateComment;
      void this.send('rate', forms.rate(this), input as ContractInput<typeof rateConcern>, '感谢您的评价');
    },

    // —— reopen and supplement panels ——
    openPanel(e: Tap) {
      const panel: Panel = e.currentTarget.dataset.value === 'supplement' ? 'supplement' : 'reopen';
      // One form at a time: an open report panel gives way.
      this.setData({ reporting: false, panel, formError: '', formErrorAt: '', errors: emptyErrors(FIELDS) });
    },
    closePanel() {
      this.setData({ panel: '', formError: '', formErrorAt: '' });
    },
    onReportToggle(e: WechatMiniprogram.CustomEvent<{ open: boolean }>) {
      // One form at a time: the report panel pushes the others away.
      this.setData({ reporting: e.detail.open, ...(e.detail.open ? { panel: '', formError: '', formErrorAt: '' } : {}) });
    },
    onReason(e: WechatMiniprogram.TextareaInput) {
      this.setData({ reason: e.detail.value, 'errors.reason': '' });
    },
    submitReopen() {
      void this.send('reopen', forms.reopen(this), { concernId: concernIdOf(this), reason: this.data.reason }, '已重新反映');
    },
    onSupText(e: WechatMiniprogram.TextareaInput) {
      this.setData({ supText: e.detail.value, 'errors.text': '' });
    },
    submitSupplement() {
      if (this.data.uploading) return;
      const input: ContractInput<typeof supplementConcern> = { concernId: concernIdOf(this), photos: this.data.photos.map((p) => p.id) };
      if (this.data.supText.trim()) input.text = this.data.supText;
      void this.send('supplement', forms.supplement(this), input, '已补充');
    },

    // —— withdraw ——
    withdraw() {
      // Withdrawing ends the case for good; one confirming tap guards against a slip.
      wx.showModal({
        title: '撤回诉求',
        content: '撤回后网格员将不再办理这条诉求，确定撤回吗？',
        confirmText: '确定撤回',
        cancelText: '再想想',
        confirmColor: '#c62828',
        success: (r) => {
          if (r.confirm) void this.send('withdraw', forms.withdraw(this), { concernId: concernIdOf(this) }, '已撤回');
        },
      });
    },

    // —— navigation ——
    openMerged() {
      const target = this.data.concern?.merged;
      if (target) wx.navigateTo({ url: `/pages/concern-detail/index?id=${encodeURIComponent(target.id)}` });
    },
    goWorkbench() {
      wx.navigateTo({ url: `/staff/concern/index?id=${encodeURIComponent(concernIdOf(this))}` });
    },
  },
});
