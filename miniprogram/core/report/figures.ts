/**
 * How a report's figures are written: a rate always with its numerator and denominator, in
 * integer percent rounded down (never more than was done), and hidden below a minimum sample
 * so a grid is not judged on three cases. Pure; shared by every feature's part.
 */
import type { ReportFigure } from '../workbench/report';

/** Below this many cases a rate is not shown: 「样本不足（n=3）」. */
export const REPORT_MIN_SAMPLE = 10;

/** The rules the figures follow, stated on every report. */
export const REPORT_RULE_VERSION = 'report-2026.1';

/** 「9/10（90%）」, or 「样本不足（n=3）」 below the minimum sample. */
export function rateText(num: number, den: number, minSample = REPORT_MIN_SAMPLE): string {
  if (den < minSample) return `样本不足（n=${den}）`;
  return `${num}/${den}（${Math.floor((num * 100) / den)}%）`;
}

export function rateFigure(label: string, num: number, den: number, drill?: string): ReportFigure {
  return { label, value: num, of: den, text: rateText(num, den), ...(drill ? { drill } : {}) };
}

export function countFigure(label: string, value: number, text = String(value), drill?: string): ReportFigure {
  return { label, value, text, ...(drill ? { drill } : {}) };
}

/** 「2026年11月」 from 「2026-11」. */
export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}
