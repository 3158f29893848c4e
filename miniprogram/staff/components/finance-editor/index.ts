import { parseYuan, reconcile, reconciliationText, yuanText, type FinanceLine, type FinanceTable } from '../../../core/disclosure/finance';
import { instanceState } from '../../../services/page-state';
import { rowIssues } from '../../disclosure/view';

type Side = 'income' | 'expense';

interface LineRow {
  key: string;
  label: string;
  amount: string;
  note: string;
  /** A figure that is not an amount, said as it is typed; else the form's message for the row. */
  amountError: string;
  labelError: string;
  noteError: string;
}

/** What the editor hands its page on every keystroke. */
export interface FinanceChange {
  /** Null while some figure is not an amount: nothing sensible to send. Empty figures are missing from it. */
  table: FinanceTable | null;
  /** Figures that are not amounts. */
  bad: number;
}

const NOT_AMOUNT = '请按元填写数字，如 1234.50';

/** `sent[side][k]`: the row on screen that line k of the sent table came from (blank rows are skipped). */
const state = instanceState(() => ({ nextKey: 0, filled: '', shownIssues: '', sent: { income: [] as number[], expense: [] as number[] } }));

/** A figure as a person retypes it: 「1,234.50」, from 分 through the shared formatter. */
const typedOf = (fen: number) => yuanText(fen).replace('元', '');

/** A line as typed; an empty amount is left out for the schema to name. */
function lineOf(row: LineRow): FinanceLine {
  const amountFen = parseYuan(row.amount);
  return { label: row.label, ...(amountFen === null ? {} : { amountFen }), ...(row.note.trim() ? { note: row.note } : {}) } as FinanceLine;
}

/**
 * The 财务收支表 editor: 期初余额, income lines, expense lines, 期末余额, typed in 元 and read
 * with the shared `parseYuan` into 分 (exact, no floating point). Under it, as the figures
 * are typed, the reconciliation line the residents will read — 期初 + 收入 − 支出 = 期末 —
 * worked out by the shared `reconcile`, so what passes here is what the server passes. The
 * page gets `change` ({table, bad}) and passes messages back through `issues` (paths under
 * `finance`, e.g. `income.2.label`).
 */
Component({
  options: { addGlobalClass: true },
  properties: {
    /** The table to start from (a saved draft); read when it changes. */
    value: { type: Object, value: null as FinanceTable | null, observer: 'fill' },
    issues: { type: Object, value: {} as Record<string, string>, observer: 'showIssues' },
  },
  data: {
    opening: '',
    closing: '',
    openingError: '',
    closingError: '',
    income: [] as LineRow[],
    expense: [] as LineRow[],
    incomeText: '',
    expenseText: '',
    /** The reconciliation line; '' until every figure is an amount. */
    line: '',
    ok: false,
    listError: '',
  },
  lifetimes: {
    attached() {
      if (!this.data.value && this.data.income.length === 0) this.setData({ income: [this.blank()], expense: [this.blank()] });
    },
  },
  methods: {
    blank(): LineRow {
      const s = state(this);
      s.nextKey += 1;
      return { key: `l${s.nextKey}`, label: '', amount: '', note: '', amountError: '', labelError: '', noteError: '' };
    },
    /**
     * Properties are handed down again whenever the page re-renders: only a new value (or new
     * messages) is taken, so what was typed since is not overwritten.
     */
    fill(table: FinanceTable | null) {
      const s = state(this);
      if (!table || JSON.stringify(table) === s.filled) return;
      s.filled = JSON.stringify(table);
      const rows = (lines: FinanceLine[]) => lines.map((l) => ({ ...this.blank(), label: l.label, amount: typedOf(l.amountFen), note: l.note ?? '' }));
      this.setData({ opening: typedOf(table.openingFen), closing: typedOf(table.closingFen), income: rows(table.income), expense: rows(table.expense) });
      this.recompute(false);
    },
    showIssues(issues: Record<string, string>) {
      const s = state(this);
      if (JSON.stringify(issues ?? {}) === s.shownIssues) return;
      s.shownIssues = JSON.stringify(issues ?? {});
      const sent = s.sent;
      const of = (side: Side) =>
        (this.data[side] as LineRow[]).map((r, i) => {
          const k = sent[side].indexOf(i);
          const m = k >= 0 ? rowIssues(issues ?? {}, side, k) : {};
          return { ...r, labelError: m.label ?? '', amountError: r.amountError === NOT_AMOUNT ? NOT_AMOUNT : m.amountFen ?? '', noteError: m.note ?? '' };
        });
      this.setData({
        income: of('income'),
        expense: of('expense'),
        openingError: this.data.openingError === NOT_AMOUNT ? NOT_AMOUNT : issues?.openingFen ?? '',
        closingError: this.data.closingError === NOT_AMOUNT ? NOT_AMOUNT : issues?.closingFen ?? '',
        listError: issues?.income ?? issues?.expense ?? issues?.[''] ?? '',
      });
    },
    /** The table as typed, or null with the figures that are not amounts marked. */
    recompute(emit = true) {
      const d = this.data;
      let bad = 0;
      const mark = (rows: LineRow[]) =>
        rows.map((r) => {
          const wrong = r.amount.trim() !== '' && parseYuan(r.amount) === null;
          if (wrong) bad += 1;
          return { ...r, amountError: wrong ? NOT_AMOUNT : r.amountError === NOT_AMOUNT ? '' : r.amountError };
        });
      const income = mark(d.income);
      const expense = mark(d.expense);
      const balance = (typed: string) => (typed.trim() === '' ? null : parseYuan(typed));
      const openingFen = balance(d.opening);
      const closingFen = balance(d.closing);
      const openingError = d.opening.trim() !== '' && openingFen === null ? NOT_AMOUNT : '';
      const closingError = d.closing.trim() !== '' && closingFen === null ? NOT_AMOUNT : '';
      if (openingError) bad += 1;
      if (closingError) bad += 1;
      // Empty rows are left out: a blank second row is not a line of the books.
      const filled = (r: LineRow) => !!(r.label.trim() || r.amount.trim() || r.note.trim());
      const rowsSent = (rows: LineRow[]) => rows.flatMap((r, i) => (filled(r) ? [i] : []));
      state(this).sent = { income: rowsSent(income), expense: rowsSent(expense) };
      const lines = (rows: LineRow[]) => rows.filter(filled).map(lineOf);
      const incomeLines = lines(income);
      const expenseLines = lines(expense);
      // Figures left empty go as missing, so the shared schema names them when the form is sent.
      const table = bad > 0 ? null : ({ ...(openingFen === null ? {} : { openingFen }), income: incomeLines, expense: expenseLines, ...(closingFen === null ? {} : { closingFen }) } as FinanceTable);
      const complete = table !== null && openingFen !== null && closingFen !== null && [...incomeLines, ...expenseLines].every((l) => Number.isInteger(l.amountFen));
      const sums = complete ? reconcile(table) : null;
      this.setData({
        income,
        expense,
        openingError,
        closingError,
        incomeText: sums ? `收入合计 ${yuanText(sums.incomeFen)}` : '',
        expenseText: sums ? `支出合计 ${yuanText(sums.expenseFen)}` : '',
        line: complete ? reconciliationText(table) : '',
        ok: sums?.ok ?? false,
      });
      if (emit) this.triggerEvent('edit', { table, bad } satisfies FinanceChange);
    },
    onBalance(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: string }>) {
      const field = e.currentTarget.dataset.field;
      if (field !== 'opening' && field !== 'closing') return;
      this.setData({ [field]: e.detail.value, [`${field}Error`]: '' });
      this.recompute();
    },
    onLine(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { side?: string; index?: number; field?: string }>) {
      const { side, index, field } = e.currentTarget.dataset;
      if ((side !== 'income' && side !== 'expense') || !['label', 'amount', 'note'].includes(field ?? '')) return;
      const i = Number(index);
      if (!(this.data[side] as LineRow[])[i]) return;
      this.setData({ [`${side}[${i}].${field}`]: e.detail.value, [`${side}[${i}].${field}Error`]: '', listError: '' });
      this.recompute();
    },
    addLine(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { side?: string }>) {
      const side = e.currentTarget.dataset.side;
      if (side !== 'income' && side !== 'expense') return;
      this.setData({ [side]: [...(this.data[side] as LineRow[]), this.blank()], listError: '' });
    },
    removeLine(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { side?: string; index?: number }>) {
      const { side, index } = e.currentTarget.dataset;
      if (side !== 'income' && side !== 'expense') return;
      const i = Number(index);
      this.setData({ [side]: (this.data[side] as LineRow[]).filter((_, j) => j !== i) });
      this.recompute();
    },
  },
});
