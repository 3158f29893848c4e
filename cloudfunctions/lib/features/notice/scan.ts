/**
 * INTERIM (until gate's span finder lands in kernel/redact.ts): the personal-data scan a
 * notice passes before it goes up, detected with `redact`'s counts. Staff names stay (an
 * officer is named in office); strings in `keep` are passed as keepTokens. Once the finder
 * exists, replace the counts with its spans and fill `findings` (field, kind, start, end,
 * masked) so the staff form can offer 「保留」 per finding.
 */
import { AppError } from '../../../../miniprogram/core/errors';
import { FLAG_KIND_LABELS } from '../../../../miniprogram/core/disclosure/vocabulary';
import type { NoticeFinding } from '../../../../miniprogram/core/disclosure/notice-contract';
import { everyPage } from '../../kernel/every-page';
import { redact, type RedactCounts } from '../../kernel/redact';
import type { ScopedStore } from '../../kernel/scoped-store';

type Field = NoticeFinding['field'];
const KINDS = ['name', 'phone', 'idNumber', 'room'] as const;

async function communityNames(db: ScopedStore): Promise<{ knownNames: string[]; keepNames: string[] }> {
  const members = await everyPage(db, 'members', {}, 'createdAt');
  const known = new Set<string>();
  const keep = new Set<string>();
  for (const m of members) {
    if (!m.name || m.deletedAt) continue;
    if (m.roles.some((r) => r === 'admin' || r === 'gridWorker' || r === 'department')) keep.add(m.name);
    else known.add(m.name);
  }
  return { knownNames: [...known], keepNames: [...keep] };
}

/** Refuses, naming each field with something found that is not in `kept`. */
export async function scanNotice(db: ScopedStore, fields: Record<Field, string>, kept: readonly string[]): Promise<void> {
  const names = await communityNames(db);
  const found = (Object.keys(fields) as Field[]).map((field) => ({ field, counts: redact(fields[field], { ...names, keepTokens: kept }).counts }));
  const flagged = found.filter((f) => KINDS.some((k) => f.counts[k] > 0));
  if (flagged.length === 0) return;
  const total: RedactCounts = { name: 0, phone: 0, idNumber: 0, room: 0 };
  for (const f of flagged) for (const k of KINDS) total[k] += f.counts[k];
  const what = KINDS.filter((k) => total[k] > 0).map((k) => `${FLAG_KIND_LABELS[k]}${total[k]}处`).join('、');
  const message = `公告中有个人信息：${what}（如确需公开请选择保留）`;
  const findings: NoticeFinding[] = [];
  throw new AppError('VALIDATION_ERROR', message, { issues: flagged.map((f) => ({ path: f.field, message })), findings });
}
