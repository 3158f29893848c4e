/**
 * Building blocks for action input schemas. Everything a caller sends passes through these,
 * on the device before sending and again on the server, so the rules live only here.
 */
import { z } from 'zod';
import { plainIssue } from './issues';

// Every issue a schema leaves without its own words gets plain Chinese naming its field
// (core/issues.ts); zod's own zh-CN wording stays only as the last fallback.
z.config({ ...z.locales.zhCN(), customError: plainIssue });

// Control characters other than tab/newline, bidi overrides and lone surrogates make text
// that renders differently from what staff audit, or breaks storage; refuse them outright.
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Invisible spacers carry no meaning in a complaint; the joiner U+200D stays for emoji.
const INVISIBLE = /[\u200B\u2060\uFEFF]/g;

/** Free text typed by a person: invisible spacers removed, trimmed, bounded. */
export function text(label: string, min: number, max: number) {
  return z
    // Left out is not "not text": the person simply did not fill it in.
    .string({ error: (issue) => (issue.input === undefined || issue.input === null ? `请填写${label}` : `${label}必须是文字`) })
    .overwrite((s) => s.replace(INVISIBLE, '').trim())
    .min(min, { error: min <= 1 ? `请填写${label}` : `${label}至少需要${min}个字` })
    .max(max, { error: `${label}不能超过${max}个字` })
    .refine((s) => !FORBIDDEN_CHARS.test(s), { error: `${label}包含不支持的字符` })
    .refine((s) => !LONE_SURROGATE.test(s), { error: `${label}包含无法识别的字符` });
}

/**
 * Identifiers are opaque strings of a fixed alphabet. Objects such as `{"$ne": null}` or
 * path tricks never get past this into a store query.
 */
export const id = (label = '编号') =>
  z
    .string({ error: `${label}格式不正确` })
    .regex(/^[A-Za-z0-9][A-Za-z0-9:_-]{0,79}$/, { error: `${label}格式不正确` });

/** A client-made key that makes a retried create return the first result. */
export const idempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '请求标识格式不正确' });

/** Opaque keyset cursor handed out by a previous page. */
export const cursor = z
  .string()
  .max(512)
  .regex(/^[A-Za-z0-9_-]*$/, { error: '分页参数不正确' });

export const pageSize = z.number().int().min(1).max(50).default(20);

/** Paging fields every list action accepts. */
export const paging = {
  cursor: cursor.optional(),
  limit: pageSize,
};

/** Room, unit and similar short address parts: digits, letters and a few CJK words. */
export const addressPart = (label: string) => text(label, 1, 16);

export type Infer<T extends z.ZodType> = z.output<T>;
export type InputOf<T extends z.ZodType> = z.input<T>;
export { z };

/**
 * A stored photo: a CloudBase fileID (`cloud://env.bucket/path`) or, in local runs, a file
 * the gateway saved (`local://uploads/name`). Only the reference travels, never bytes.
 */
export const fileId = z
  .string({ error: '图片格式不正确' })
  .max(256)
  .regex(/^(cloud:\/\/[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)+|local:\/\/uploads\/[A-Za-z0-9._-]+)$/, { error: '图片格式不正确' })
  .refine((s) => !s.includes('..'), { error: '图片格式不正确' });

export const photos = (max: number) => z.array(fileId).max(max, { error: `最多上传${max}张图片` }).default([]);
