import type { ErrorBody } from '../core/errors';
import type { FieldIssue } from '../core/validate';

function isIssue(value: unknown): value is FieldIssue {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { path?: unknown; message?: unknown };
  return typeof v.path === 'string' && typeof v.message === 'string';
}

/**
 * Field messages of an error that names its fields (a VALIDATION_ERROR, or a NOT_FOUND for
 * something a field pointed at, like a 受理编号 that does not exist), keyed by the top-level
 * field name, first message per field. The same shape comes from the device-side check and from the server, so a
 * form shows both the same way. Anything that is not a well-formed issue is ignored: the
 * server is trusted for text, not for shape.
 */
const FIELD_CODES: readonly string[] = ['VALIDATION_ERROR', 'NOT_FOUND'];

export function fieldErrors(error: ErrorBody): Record<string, string> {
  const out: Record<string, string> = {};
  if (!FIELD_CODES.includes(error.code)) return out;
  const issues = (error.details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return out;
  for (const issue of issues) {
    if (!isIssue(issue)) continue;
    const field = issue.path.split('.')[0] ?? '';
    if (!(field in out)) out[field] = issue.message;
  }
  return out;
}

/**
 * What to show next to the form's submit button: nothing when every field issue already
 * sits next to a field the form shows, else the envelope's message.
 */
export function formMessage(error: ErrorBody, shownFields: readonly string[]): string {
  const byField = fieldErrors(error);
  const fields = Object.keys(byField);
  if (fields.length > 0 && fields.every((f) => shownFields.includes(f))) return '';
  return error.message;
}

/** Keeps only the fields a form renders, each with a string (empty = no error). */
export function pickFieldErrors<K extends string>(error: ErrorBody, fields: readonly K[]): Record<K, string> {
  const byField = fieldErrors(error);
  const out = {} as Record<K, string>;
  for (const f of fields) out[f] = byField[f] ?? '';
  return out;
}

export function emptyErrors<K extends string>(fields: readonly K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const f of fields) out[f] = '';
  return out;
}
