import { fail } from '../../../miniprogram/core/envelope';
import { validateInput } from '../../../miniprogram/core/validate';
import { submitConcern } from '../../../miniprogram/core/concern/contract';
import { emptyErrors, fieldErrors, formMessage, pickFieldErrors } from '../../../miniprogram/services/form';

describe('field errors from a device-side validation', () => {
  it('key the shared schema’s messages by field', () => {
    const res = validateInput(submitConcern, { category: 'env', text: '短', buildingId: 'b1' });
    if (res.ok) throw new Error('expected a validation failure');
    expect(fieldErrors(res.error)).toEqual({ text: '诉求内容至少需要5个字' });
  });
});

describe('field errors from the server', () => {
  it('keep the first message per top-level field', () => {
    const error = fail('VALIDATION_ERROR', 'x', {
      issues: [
        { path: 'households.0.room', message: '请填写门牌号' },
        { path: 'households.1.room', message: '第二个' },
        { path: '', message: '整体错误' },
      ],
    }).error;
    expect(fieldErrors(error)).toEqual({ households: '请填写门牌号', '': '整体错误' });
  });

  it('ignore malformed details', () => {
    expect(fieldErrors(fail('VALIDATION_ERROR', 'x', { issues: [{ path: 1 }, 'bad', null] }).error)).toEqual({});
    expect(fieldErrors(fail('VALIDATION_ERROR', 'x', 'oops').error)).toEqual({});
  });

  it('are read from a NOT_FOUND a field caused (a number that does not exist)', () => {
    expect(fieldErrors(fail('NOT_FOUND', 'x', { issues: [{ path: 'intoNumber', message: '没有这个受理编号' }] }).error)).toEqual({ intoNumber: '没有这个受理编号' });
  });

  it('are empty for other codes', () => {
    expect(fieldErrors(fail('CONFLICT', 'x', { issues: [{ path: 'a', message: 'b' }] }).error)).toEqual({});
  });
});

describe('the form-level message', () => {
  it('is empty when every issue sits next to a shown field', () => {
    const error = fail('VALIDATION_ERROR', '请选择分类', { issues: [{ path: 'category', message: '请选择分类' }] }).error;
    expect(formMessage(error, ['category', 'text'])).toBe('');
  });

  it('is the envelope message when an issue has no field on the form', () => {
    const error = fail('VALIDATION_ERROR', '请求标识格式不正确', { issues: [{ path: 'idempotencyKey', message: '请求标识格式不正确' }] }).error;
    expect(formMessage(error, ['category'])).toBe('请求标识格式不正确');
  });

  it('is the envelope message for non-validation failures', () => {
    expect(formMessage(fail('RATE_LIMITED').error, ['text'])).toBe('操作太频繁，请稍后再试');
  });
});

describe('picking a form’s fields', () => {
  it('gives every field a string', () => {
    const error = fail('VALIDATION_ERROR', 'x', { issues: [{ path: 'text', message: '太短' }] }).error;
    expect(pickFieldErrors(error, ['text', 'category'] as const)).toEqual({ text: '太短', category: '' });
    expect(emptyErrors(['a', 'b'] as const)).toEqual({ a: '', b: '' });
  });
});
