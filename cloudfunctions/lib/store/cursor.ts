import { fieldError } from '../../../miniprogram/core/errors';
import type { Scalar } from '../ports/store';

/** Keyset cursor: the sort value and _id of the last row handed out, base64url JSON. */
export function encodeCursor(value: unknown, id: string): string {
  return Buffer.from(JSON.stringify([value ?? null, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { value: Scalar; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[1] === 'string' &&
      (parsed[0] === null || ['string', 'number', 'boolean'].includes(typeof parsed[0]))
    ) {
      return { value: parsed[0] as Scalar, id: parsed[1] };
    }
  } catch {
    // fall through: a tampered cursor is the caller's error, not ours
  }
  throw fieldError('VALIDATION_ERROR', 'cursor', '分页参数不正确，请刷新后重试');
}
