/**
 * 定期评事: the monthly grid report's parts. Each feature computes its own part from its own
 * records for the month (its manifest's `monthlyReport`); the report feature assembles them,
 * freezes them when the report is issued and exports them. Figures carry their numerator and
 * denominator, so a rate is never shown without its sample.
 */

/** A calendar month in the community's time: 「2026-11」, from its first instant to the next month's. */
export interface ReportMonth {
  month: string;
  start: number;
  end: number;
}

export interface ReportFigure {
  label: string;
  /** A count, or a rate's numerator. */
  value: number;
  /** A rate's denominator (its sample); absent for a count. */
  of?: number;
  /** As printed: 「12」「9/10（90%）」「样本不足（n=3）」. */
  text: string;
  /** The staff page listing the records behind the figure. */
  drill?: string;
}

export interface ReportPart {
  /** 'rates' | 'categories' | 'cases' | 'hours' | 'meetings' | 'disclosure' | … */
  key: string;
  title: string;
  figures: ReportFigure[];
  /** A part given per grid or per worker: its header and rows, as printed. */
  table?: { columns: string[]; rows: string[][] };
}
