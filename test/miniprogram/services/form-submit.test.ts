import type { ActionName } from '../../../miniprogram/core/action-names';
import { z } from 'zod';
import { contract } from '../../../miniprogram/core/action';
import { fail, ok, type ActionEvent, type Envelope } from '../../../miniprogram/core/envelope';
import { setTransport } from '../../../miniprogram/services/api';
import { formKeys, formSubmit } from '../../../miniprogram/services/form-submit';

const create = contract<{ id: string }>()({
  // A contract of the test's own, outside the catalogue.
  name: 'test.create' as ActionName,
  summary: '测试',
  input: z.strictObject({ text: z.string().min(2, { error: '请写清楚一些' }), buildingId: z.string().regex(/^b/, { error: '编号格式不正确' }) }),
  roles: ['resident'],
  scope: '测试',
  idempotent: true,
});
const update = contract<{ id: string }>()({ ...create, name: 'test.update' as ActionName, idempotent: false });

function host() {
  const data: Record<string, unknown> = {};
  return { data, setData: (patch: Record<string, unknown>) => Object.assign(data, patch) };
}

function backend(answer: (e: ActionEvent) => Envelope<unknown> | Promise<Envelope<unknown>>) {
  const send = jest.fn(async (e: ActionEvent) => answer(e));
  setTransport({ send });
  return send;
}

const good = { text: '楼道灯坏了', buildingId: 'b1' };

describe('a form submit', () => {
  it('checks with the contract before sending, field by field', async () => {
    const send = backend(() => ok({ id: 'x' }));
    const h = host();
    const form = formSubmit(create, { fields: ['text', 'buildingId'], whenEmpty: { buildingId: '请选择楼栋' } })(h);
    const res = await form.submit({ text: 'a', buildingId: '' });
    expect(res?.ok).toBe(false);
    expect(send).not.toHaveBeenCalled();
    expect(h.data).toEqual({ submitting: false, errors: { text: '请写清楚一些', buildingId: '请选择楼栋' }, formError: '' });
  });

  it('shows an issue about a field it does not render next to the button', async () => {
    backend(() => fail('VALIDATION_ERROR', '房间号不对', { issues: [{ path: 'room', message: '房间号不对' }] }));
    const h = host();
    await formSubmit(create, { fields: ['text'] })(h).submit(good);
    expect(h.data.formError).toBe('房间号不对');
  });

  it('uses its own words for an error code', async () => {
    backend(() => fail('NETWORK_ERROR'));
    const h = host();
    await formSubmit(create, { fields: ['text'], messages: { NETWORK_ERROR: '网络断了，内容已保存' } })(h).submit(good);
    expect(h.data.formError).toBe('网络断了，内容已保存');
  });

  it('ignores a second tap while the first is in flight', async () => {
    let release: (e: Envelope<unknown>) => void = () => undefined;
    const send = backend(() => new Promise((r) => (release = r)));
    const h = host();
    const form = formSubmit(create, { fields: ['text'] })(h);
    const first = form.submit(good);
    await Promise.resolve();
    expect(h.data.submitting).toBe(true);
    expect(await form.submit(good)).toBeUndefined();
    release(ok({ id: 'x' }));
    expect((await first)?.ok).toBe(true);
    expect(send).toHaveBeenCalledTimes(1);
    expect(h.data.submitting).toBe(false);
  });

  it('keeps the key for a retry of the same content, and starts a new one when it changes before sending or succeeded', async () => {
    let n = 0;
    const send = backend(() => (++n <= 1 ? fail('NETWORK_ERROR') : ok({ id: 'x' })));
    const form = formSubmit(create, { fields: ['text'] })(host());
    const drafted = form.keyFor(good);
    expect(form.keyFor({ ...good, text: '楼道灯坏了三天' })).not.toBe(drafted);
    await form.submit(good);
    await form.submit({ buildingId: 'b1', text: '楼道灯坏了' });
    await form.submit({ ...good, text: '楼道灯坏了两个' });
    const keys = send.mock.calls.map((c) => c[0].idempotencyKey);
    expect(keys[0]).toMatch(/^[A-Za-z0-9]{8,64}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[1]);
  });

  it('keeps a lost answer’s key for the edited draft until the server answers', async () => {
    let n = 0;
    const send = backend(() => (++n === 1 ? fail('NETWORK_ERROR') : n === 2 ? fail('CONFLICT', '您之前提交的诉求已收到') : ok({ id: 'x' })));
    const form = formSubmit(create, { fields: ['text'] })(host());
    await form.submit(good);
    await form.submit({ ...good, text: '楼道灯坏了两个' });
    await form.submit({ ...good, text: '楼道灯坏了两个' });
    const keys = send.mock.calls.map((c) => c[0].idempotencyKey);
    expect(keys[1]).toBe(keys[0]);
    // The server answered (the first version is on file): the next try is a new one.
    expect(keys[2]).not.toBe(keys[1]);
  });

  it('starts a new key after the server refused: nothing was made, the next try is new', async () => {
    let n = 0;
    const send = backend(() => (++n === 1 ? fail('FULL') : ok({ id: 'x' })));
    const form = formSubmit(create, { fields: ['text'] })(host());
    await form.submit(good);
    await form.submit(good);
    const [first, second] = send.mock.calls.map((c) => c[0].idempotencyKey);
    expect(second).not.toBe(first);
  });

  it('takes back a restored draft’s key, and keeps it when the draft is edited', async () => {
    const send = backend(() => fail('NETWORK_ERROR'));
    const form = formSubmit(create, { fields: ['text'] })(host());
    form.adopt('restoredkey123', good);
    await form.submit(good);
    expect(send.mock.calls[0][0].idempotencyKey).toBe('restoredkey123');
    // It may have gone out before: an edit keeps it until the server answers.
    expect(form.keyFor({ ...good, text: '别的内容了' })).toBe('restoredkey123');
  });

  it('sends no key for an action that creates nothing, and renders into named keys', async () => {
    const send = backend(() => fail('CONFLICT'));
    const h = host();
    await formSubmit(update, { fields: ['text'], keys: formKeys('grid') })(h).submit(good);
    expect(send.mock.calls[0][0].idempotencyKey).toBeUndefined();
    expect(h.data).toEqual({ saving: false, gridErrors: { text: '' }, gridError: '操作冲突，请刷新后再试' });
  });
});
