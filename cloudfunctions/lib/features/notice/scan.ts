/**
 * The personal-data scan a notice passes before it goes up: the privacy gate's finder with its
 * names (every member masked, officers kept); strings the publisher keeps on purpose (a public
 * hotline) are passed as keepTokens. A refusal names each field and says where in it each
 * finding is (kind and offsets, never the text, so the error itself carries no personal data):
 * the page, which holds the text, shows them and offers to keep each.
 */
import type { NoticeFinding } from '../../../../miniprogram/core/disclosure/notice-contract';
import { AppError } from '../../../../miniprogram/core/errors';
import { FLAG_KIND_LABELS } from '../../../../miniprogram/core/disclosure/vocabulary';
import { findPersonalData } from '../../kernel/redact';
import type { ScopedStore } from '../../kernel/scoped-store';
import { gateNames } from '../disclosure/gate-names';

type Field = NoticeFinding['field'];

/** Refuses, naming each field with something found that is not in `kept`. */
export async function scanNotice(db: ScopedStore, now: number, fields: Record<Field, string>, kept: readonly string[]): Promise<void> {
  const names = await gateNames(db, now);
  // Counts under five are no one's data in a notice (「1号楼至4号楼」, 「3户停水」): not looked for.
  const findings: NoticeFinding[] = (Object.keys(fields) as Field[]).flatMap((field) =>
    findPersonalData(fields[field], { ...names, keepTokens: kept }).map((f) => ({ field, kind: f.kind, kindLabel: FLAG_KIND_LABELS[f.kind], start: f.start, end: f.end })),
  );
  if (findings.length === 0) return;
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.kindLabel, (counts.get(f.kindLabel) ?? 0) + 1);
  const what = [...counts].map(([label, n]) => `${label}${n}处`).join('、');
  const message = `公告中有个人信息：${what}（如确需公开请选择保留）`;
  const fieldsFound = [...new Set(findings.map((f) => f.field))];
  throw new AppError('VALIDATION_ERROR', message, { issues: fieldsFound.map((path) => ({ path, message })), findings });
}
