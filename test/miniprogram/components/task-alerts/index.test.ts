import { fakeBackend, flush, loadPage, ok, render, sent, wxMock } from '../../harness';

const compId = loadPage('staff/components/task-alerts/index');

beforeEach(() => jest.clearAllMocks());

describe('staff allow WeChat reminders of new items at a tap', () => {
  it('asks WeChat inside the tap and records the answer', async () => {
    const send = fakeBackend({
      'notify.templates': ok({ templates: [{ key: 'staffTask', templateId: 'tmpl-staff' }] }),
      'notify.recordConsent': ok({ balances: { staffTask: 1 } }),
    });
    wxMock.requestSubscribeMessage.mockImplementationOnce((opts: { success?: (r: Record<string, string>) => void }) => opts.success?.({ 'tmpl-staff': 'accept' }));
    const c = render(compId);
    await flush();
    expect(sent(send, 'notify.templates')[0].data).toEqual({ moment: 'staff.tasks' });
    await c.tap('#allow-task-alerts');
    expect(wxMock.requestSubscribeMessage).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['tmpl-staff'] }));
    expect(sent(send, 'notify.recordConsent')[0].data).toEqual({ results: { staffTask: 'accept' } });
    expect(c.text('#task-alerts-result')).toContain('接下来 1 条新的待办会通过微信提醒您');
  });
  it('is not shown when the deployment has no staff template', async () => {
    fakeBackend({ 'notify.templates': ok({ templates: [] }) });
    const c = render(compId);
    await flush();
    expect(c.exists('#allow-task-alerts')).toBe(false);
  });
});
