import type { ErrorBody, ErrorCode } from './errors';
import { DEFAULT_MESSAGES } from './errors';

/** Every action answers with one of these two shapes, on both transports. */
export type Ok<T> = { ok: true; data: T };
export type Fail = { ok: false; error: ErrorBody };
export type Envelope<T> = Ok<T> | Fail;

export function ok<T>(data: T): Ok<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message?: string, details?: unknown): Fail {
  const error: ErrorBody = { code, message: message ?? DEFAULT_MESSAGES[code] };
  if (details !== undefined) error.details = details;
  return { ok: false, error };
}

/** The event a cloud function receives: `{ action, data, idempotencyKey? }`. */
export interface ActionEvent {
  action: string;
  data?: unknown;
  idempotencyKey?: string;
}
