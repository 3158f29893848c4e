import { fail, fakeBackend, flush, loadPage, ok, render, sent, wxMock } from '../../../harness';
import { item, opinion } from '../fixtures';

const compId = loadPage('disclosure/components/opinion-form/index');

function open(replies: Parameters<typeof fakeBackend>[0] = {}) {
  const send = fakeBackend({ 'disclosure.opinion': ok(item({ opinions: [opinion()] })), ...replies });
  const form = render(compId, { itemId: 'ditem_fin3', versionNumber: 2 });
  return { form, send };
}

beforeEach(() => jest.clearAllMocks());

describe('the opinion form', () => {
  it('asks for a choice before sending anything', async () => {
    const { form, send } = open();
    await form.tap('#opinion-submit');
    expect(form.text('#stance-error')).toBe('请选择有无异议');
    expect(sent(send, 'disclosure.opinion')).toHaveLength(0);
    expect(form.text('#opinion-count >>> .form-count')).toBe('还有1项需要填写');
  });

  it('sends 无异议 without words, on the version it was given, and hands the item back', async () => {
    const { form, send } = open();
    const done = jest.fn();
    (form.instance as unknown as { triggerEvent: (name: string, detail: unknown) => void }).triggerEvent = done;
    await form.tap('#stance-agree');
    expect(form.instance.data.stance).toBe('agree');
    await form.tap('#opinion-submit');
    expect(sent(send, 'disclosure.opinion')[0].data).toEqual({ itemId: 'ditem_fin3', versionNumber: 2, stance: 'agree', text: '' });
    expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已登记：无异议' }));
    expect(done).toHaveBeenCalledWith('done', { item: expect.objectContaining({ itemId: 'ditem_fin3' }) });
  });

  it('asks an objection for its reasons and names the field for it', async () => {
    const { form } = open();
    await form.tap('#stance-objection');
    expect(form.text('.opinion-text-label')).toBe('异议理由（必填）');
    await form.tap('#opinion-submit');
    expect(form.text('#text-error')).toBe('有异议请写明理由，至少4个字');
  });

  it('shows why the server refuses, e.g. for the item’s own author', async () => {
    const { form } = open({ 'disclosure.opinion': fail('FORBIDDEN', '不能监督自己起草或公开的事项') });
    await form.tap('#stance-agree');
    await form.tap('#opinion-submit');
    await flush();
    expect(form.text('#opinion-error')).toBe('不能监督自己起草或公开的事项');
  });
});
