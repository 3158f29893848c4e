/**
 * A finance item's table: opening balance, income lines, expense lines, closing balance, all
 * in 分 (integers, so the sum is exact). It must reconcile — opening + income − expense =
 * closing — or the item cannot be published. The same schema and check run on the staff
 * page, as the figures are typed, and on the server at publish.
 */
import { z, text } from '../schema';

/** ±100 亿元 in 分: far beyond any community's books, inside exact integers. */
const MAX_FEN = 1_000_000_000_000;

const fen = (label: string, min = 0) =>
  z
    .number({ error: `请填写${label}` })
    .int({ error: `${label}须精确到分` })
    .min(min, { error: `${label}不能为负数` })
    .max(MAX_FEN, { error: `${label}过大` });

export const financeLine = z.strictObject({
  label: text('科目', 1, 40),
  amountFen: fen('金额'),
  note: text('备注', 1, 100).optional(),
});

export const financeTable = z.strictObject({
  /** A balance may be negative (an overdraft carried over); lines may not. */
  openingFen: fen('期初余额', -MAX_FEN),
  income: z.array(financeLine).max(100, { error: '收入最多100行' }),
  expense: z.array(financeLine).max(100, { error: '支出最多100行' }),
  closingFen: fen('期末余额', -MAX_FEN),
});
export type FinanceLine = z.output<typeof financeLine>;
export type FinanceTable = z.output<typeof financeTable>;

export interface Reconciliation {
  ok: boolean;
  incomeFen: number;
  expenseFen: number;
  /** opening + income − expense. */
  expectedClosingFen: number;
  /** What was typed minus what it should be; 0 when it reconciles. */
  differenceFen: number;
}

export function reconcile(t: FinanceTable): Reconciliation {
  const incomeFen = t.income.reduce((s, l) => s + l.amountFen, 0);
  const expenseFen = t.expense.reduce((s, l) => s + l.amountFen, 0);
  const expectedClosingFen = t.openingFen + incomeFen - expenseFen;
  const differenceFen = t.closingFen - expectedClosingFen;
  return { ok: differenceFen === 0, incomeFen, expenseFen, expectedClosingFen, differenceFen };
}

/** 「1,234.50元」, 「-20.00元」: from 分, without floating point. */
export function yuanText(fenAmount: number): string {
  const sign = fenAmount < 0 ? '-' : '';
  const abs = Math.abs(fenAmount);
  const yuan = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}元`;
}

/**
 * What a person types as yuan (「1234.5」「1,234.50」「-20」) → 分, exactly; null when it is not
 * an amount (more than two decimals, letters).
 */
export function parseYuan(typed: string): number | null {
  const s = typed.replace(/[,，\s元]/g, '').replace(/^＋/, '').replace(/^－/, '-');
  const m = /^(-?)(\d{1,10})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const value = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -value : value;
}

/** The line a reader checks: 「期初 1,000.00元 + 收入 500.00元 − 支出 300.00元 = 期末 1,200.00元」. */
export function reconciliationText(t: FinanceTable): string {
  const r = reconcile(t);
  const sum = `期初${yuanText(t.openingFen)} + 收入${yuanText(r.incomeFen)} − 支出${yuanText(r.expenseFen)} = ${yuanText(r.expectedClosingFen)}`;
  return r.ok ? `${sum}，与期末余额一致` : `${sum}，与填写的期末余额${yuanText(t.closingFen)}相差${yuanText(r.differenceFen)}`;
}
