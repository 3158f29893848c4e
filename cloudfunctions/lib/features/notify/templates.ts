/**
 * Which subscription template carries which kind of message, and how a message fills a
 * template's fields. Template ids and field names come from the WeChat admin console, so
 * they are configuration (LINLI_SUBSCRIBE_TEMPLATES), not code.
 */
import { z } from 'zod';
import { formatDateTime } from '../../../../miniprogram/core/format';
import { TEMPLATE_KEYS } from '../../../../miniprogram/core/notify/contract';
import type { TemplateConfig, Templates } from '../../ports/platform';


/** What a template field shows: the message title, its body, or when it happened. */
const source = z.enum(['title', 'body', 'time']);
const templateSchema = z.object({ id: z.string().min(1), fields: z.record(z.string().regex(/^[a-z_]+\d+$/), source) }) satisfies z.ZodType<TemplateConfig>;
export type { TemplateConfig, Templates };

export function parseTemplates(raw: string | undefined): Templates {
  if (!raw) return {};
  const parsed = z.partialRecord(z.enum(TEMPLATE_KEYS), templateSchema).safeParse(JSON.parse(raw));
  if (!parsed.success) throw new Error('LINLI_SUBSCRIBE_TEMPLATES is not a valid template table');
  return parsed.data;
}

/** WeChat caps `thing` fields at 20 characters and `time` at a date format. */
export function fillTemplate(config: TemplateConfig, m: { title: string; body: string; at: number }): Record<string, { value: string }> {
  const out: Record<string, { value: string }> = {};
  for (const [field, from] of Object.entries(config.fields)) {
    const raw = from === 'time' ? formatDateTime(m.at) : m[from];
    const limit = field.startsWith('thing') ? 20 : field.startsWith('phrase') ? 5 : 32;
    const chars = Array.from(raw);
    out[field] = { value: chars.length > limit ? `${chars.slice(0, limit - 1).join('')}…` : raw };
  }
  return out;
}

/** Demo configuration for local runs: made-up ids, real field shapes. */
export const DEMO_TEMPLATES: Templates = {
  concernProgress: { id: 'demo-tmpl-concern-progress', fields: { thing1: 'title', thing2: 'body', time3: 'time' } },
  concernResolved: { id: 'demo-tmpl-concern-resolved', fields: { thing1: 'title', thing2: 'body', time3: 'time' } },
  bookingResult: { id: 'demo-tmpl-booking-result', fields: { thing1: 'title', thing2: 'body', time3: 'time' } },
  bookingReminder: { id: 'demo-tmpl-booking-reminder', fields: { thing1: 'title', thing2: 'body', time3: 'time' } },
  bindingResult: { id: 'demo-tmpl-binding-result', fields: { thing1: 'title', thing2: 'body', time3: 'time' } },
  // 待办提醒: 事项 (what arrived), 内容 (where and what), 时间.
  staffTask: { id: 'demo-tmpl-staff-task', fields: { thing1: 'title', thing2: 'body', time3: 'time' } },
};
