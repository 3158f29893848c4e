/** The one mapping from zod's issues to plain Chinese naming the field. */
import { fieldLabel } from '../../../miniprogram/core/issues';
import { text, z } from '../../../miniprogram/core/schema';
import { fieldIssues } from '../../../miniprogram/core/validate';

const messages = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? [] : fieldIssues(r.error);
};

describe('issues a schema leaves without words of its own', () => {
  const schema = z.strictObject({ replyDays: z.number().int().min(1).max(30), photos: z.array(z.string()).max(2), decision: z.enum(['approve', 'reject']) });
  it('name the field and say what is wrong', () => {
    expect(messages(schema, { replyDays: 'x', photos: ['a', 'b', 'c'], decision: 'maybe', extra: 1 })).toEqual(expect.arrayContaining([
      { path: '', message: '不认识的字段：extra' },
      { path: 'replyDays', message: '回复期限格式不对' },
      { path: 'photos', message: '图片最多2项' },
      { path: 'decision', message: '审核结果不在可选范围内，请重新选择' },
    ]));
    expect(messages(schema, { photos: [], decision: 'approve' })).toEqual([{ path: 'replyDays', message: '请填写回复期限' }]);
    expect(messages(schema, { replyDays: 0, photos: [], decision: 'approve' })).toEqual([{ path: 'replyDays', message: '回复期限不能小于1' }]);
  });
  it('name an unknown field by its key', () => {
    expect(fieldLabel(['mystery'])).toBe('「mystery」');
    expect(fieldLabel(['photos', 3])).toBe('图片');
    expect(fieldLabel([])).toBe('填写的内容');
  });
});

describe('a text field left out', () => {
  it('asks for it instead of saying it must be text', () => {
    const schema = z.strictObject({ reason: text('转交原因', 1, 200) });
    expect(messages(schema, {})).toEqual([{ path: 'reason', message: '请填写转交原因' }]);
    expect(messages(schema, { reason: 3 })).toEqual([{ path: 'reason', message: '转交原因必须是文字' }]);
  });
});
