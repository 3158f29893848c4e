import type { z } from 'zod';
import type { ActionContract } from './action';
import { fail, ok, type Envelope } from './envelope';

export interface FieldIssue {
  /** Dotted path of the offending field, '' for the whole input. */
  path: string;
  message: string;
}

/** Turns zod issues into what a form shows next to each field. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/**
 * Validates an action's input with its contract schema. The device calls this before
 * sending and the server again on receipt, so both report the same field messages.
 */
export function validateInput<I extends z.ZodType>(
  c: ActionContract<I, unknown>,
  data: unknown,
): Envelope<z.output<I>> {
  const parsed = c.input.safeParse(data ?? {});
  if (parsed.success) return ok(parsed.data);
  const issues = fieldIssues(parsed.error);
  return fail('VALIDATION_ERROR', issues[0]?.message ?? undefined, { issues });
}
