import { chinaDate, endOfChinaDay } from '../../core/disclosure/calendar';
import { publishNotice, type NoticeFinding } from '../../core/disclosure/notice-contract';
import { formatDay } from '../../core/format';
import { emptyErrors } from '../../services/form';
import { formSubmit } from '../../services/form-submit';

const FIELDS = ['title', 'body', 'expiresAt'] as const;
/** How long a notice shows, as the admin picks it: to the end of that day. */
const DURATIONS = [3, 7, 15, 30, 90, 180];
const DEFAULT_DURATION = 1;

const form = formSubmit(publishNotice, { fields: FIELDS });

/** What the scan found, shown from the page's own text, each kept or not by the admin. */
interface FoundRow {
  key: string;
  field: 'title' | 'body';
  text: string;
  label: string;
  keep: boolean;
}

/** The end of the China day `days` after today: one instant per choice per day, so a retry sends the same notice. */
function expiryOf(days: number, now = Date.now()): number {
  const { year, month, day } = chinaDate(now);
  return endOfChinaDay(year, month, day + days);
}

type Input = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: string }>;
type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index?: number; key?: string }>;

/** 发布社区公告: title, words, 置顶, how long it shows; personal data found is named, to fix or keep. */
Component({
  data: {
    title: '',
    body: '',
    pinned: false,
    durations: DURATIONS.map((d) => ({ days: d, label: `${d}天` })),
    durationIndex: DEFAULT_DURATION,
    untilText: '',
    found: [] as FoundRow[],
    errors: emptyErrors(FIELDS),
    formError: '',
    submitting: false,
  },
  lifetimes: {
    attached() {
      this.setData({ untilText: this.untilText(DEFAULT_DURATION) });
    },
  },
  methods: {
    untilText(index: number): string {
      return `显示到${formatDay(expiryOf(DURATIONS[index]))}`;
    },
    onInput(e: Input) {
      const field = e.currentTarget.dataset.field;
      // Edited words are scanned again on the next tap: what was found in the old text no longer applies.
      if (field === 'title' || field === 'body') this.setData({ [field]: e.detail.value, [`errors.${field}`]: '', formError: '', found: [] });
    },
    onPinned(e: WechatMiniprogram.SwitchChange) {
      this.setData({ pinned: e.detail.value });
    },
    pickDuration(e: Tap) {
      const index = Number(e.currentTarget.dataset.index ?? DEFAULT_DURATION);
      this.setData({ durationIndex: index, untilText: this.untilText(index), 'errors.expiresAt': '' });
    },
    toggleKeep(e: Tap) {
      const key = e.currentTarget.dataset.key;
      this.setData({ found: (this.data.found as FoundRow[]).map((f) => (f.key === key ? { ...f, keep: !f.keep } : f)) });
    },
    async submit() {
      const { title, body, pinned, durationIndex } = this.data;
      const keep = [...new Set((this.data.found as FoundRow[]).filter((f) => f.keep).map((f) => f.text))];
      const res = await form(this).submit({ title: title.trim(), body: body.trim(), pinned, expiresAt: expiryOf(DURATIONS[durationIndex]), keep });
      if (!res) return;
      if (!res.ok) {
        const findings = (res.error.details as { findings?: NoticeFinding[] } | undefined)?.findings;
        if (findings) this.showFound(findings);
        return;
      }
      wx.showToast({ title: '已发布', icon: 'success' });
      wx.navigateBack();
    },
    showFound(findings: readonly NoticeFinding[]) {
      const text = { title: this.data.title.trim(), body: this.data.body.trim() };
      const kept = new Map((this.data.found as FoundRow[]).map((f) => [`${f.field}:${f.text}`, f.keep]));
      const rows: FoundRow[] = [];
      for (const f of findings) {
        const words = text[f.field].slice(f.start, f.end);
        const key = `${f.field}:${words}`;
        if (!rows.some((r) => r.key === key)) rows.push({ key, field: f.field, text: words, label: `${f.field === 'title' ? '标题' : '内容'}中的${f.kindLabel}`, keep: kept.get(key) ?? false });
      }
      this.setData({ found: rows });
    },
  },
});
