/**
 * The personal-data scan a notice passes before it goes up: the privacy gate's names (every
 * member masked, officers kept) and `redact`'s counts per field; strings the publisher keeps
 * on purpose (a public hotline) are passed as keepTokens. It reports what was found per field,
 * not where: redact gives counts, not positions (the span finder is issue 16's next step).
 */
import { AppError } from '../../../../miniprogram/core/errors';
import { FLAG_KIND_LABELS } from '../../../../miniprogram/core/disclosure/vocabulary';
import { redact, type RedactCounts } from '../../kernel/redact';
import type { ScopedStore } from '../../kernel/scoped-store';
import { gateNames } from '../disclosure/gate-names';

type Field = 'title' | 'body';
const KINDS = ['name', 'phone', 'idNumber', 'room'] as const;

/** Refuses, naming each field with something found that is not in `kept`. */
export async function scanNotice(db: ScopedStore, now: number, fields: Record<Field, string>, kept: readonly string[]): Promise<void> {
  const names = await gateNames(db, now);
  const found = (Object.keys(fields) as Field[]).map((field) => ({ field, counts: redact(fields[field], { ...names, keepTokens: kept }).counts }));
  const flagged = found.filter((f) => KINDS.some((k) => f.counts[k] > 0));
  if (flagged.length === 0) return;
  const total: RedactCounts = { name: 0, phone: 0, idNumber: 0, room: 0 };
  for (const f of flagged) for (const k of KINDS) total[k] += f.counts[k];
  const what = KINDS.filter((k) => total[k] > 0).map((k) => `${FLAG_KIND_LABELS[k]}${total[k]}处`).join('、');
  const message = `公告中有个人信息：${what}（如确需公开请选择保留）`;
  throw new AppError('VALIDATION_ERROR', message, { issues: flagged.map((f) => ({ path: f.field, message })) });
}
