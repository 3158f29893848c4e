/**
 * Relief recipients as their programme allows them to appear. The raw rows (full names) live
 * only in the draft, which staff alone read; what is published is this rendering, so no
 * version ever stores a recipient's full name.
 */
import type { ReliefView } from '../../../../miniprogram/core/disclosure/contract';
import { RELIEF_FORM_LABELS, SMALL_COUNT } from '../../../../miniprogram/core/disclosure/vocabulary';
import { COMPOUND_SURNAMES, SMALL_COUNT_TEXT, maskName } from '../../kernel/redact';
import type { ReliefDraftRecord } from './records';

/** 「王建国」→「王*国」, 「王芳」→「王*」, 「欧阳建国」→「欧阳*国」: the surname and the last character stay. */
export function starName(name: string): string {
  const n = name.trim();
  if (!n || !/^\p{Script=Han}/u.test(n)) return '*';
  const surnameLen = n.length >= 3 && COMPOUND_SURNAMES.some((s) => n.startsWith(s)) ? 2 : 1;
  const rest = [...n.slice(surnameLen)];
  if (rest.length <= 1) return `${n.slice(0, surnameLen)}*`;
  return `${n.slice(0, surnameLen)}${'*'.repeat(rest.length - 1)}${rest[rest.length - 1]}`;
}

/** 「<5」 below five recipients, else 「12人」. */
export function reliefCountText(count: number): string {
  return count < SMALL_COUNT ? SMALL_COUNT_TEXT : `${count}人`;
}

/**
 * The published relief table. `programme` is the programme's name after the gate (a name in
 * it masked like any other text). A count-only programme with fewer than five recipients
 * lists no rows: a row per person would tell the count that 「<5」 hides.
 */
export function renderRelief(relief: ReliefDraftRecord, programme: string, buildingNames: ReadonlyMap<string, string>): ReliefView {
  const count = relief.rows.length;
  const totalFen = relief.rows.reduce((s, r) => s + r.amountFen, 0);
  const recipient = (name: string): string | null => {
    switch (relief.form) {
      case 'count':
        return null;
      case 'surname':
        return maskName(name);
      case 'maskedName':
        return starName(name);
    }
  };
  const hideRows = relief.form === 'count' && count < SMALL_COUNT;
  return {
    programme,
    form: relief.form,
    formLabel: RELIEF_FORM_LABELS[relief.form],
    countText: reliefCountText(count),
    totalFen,
    rows: hideRows
      ? []
      : relief.rows.map((r) => ({ recipient: recipient(r.name), amountFen: r.amountFen, buildingName: r.buildingId ? (buildingNames.get(r.buildingId) ?? null) : null })),
  };
}
