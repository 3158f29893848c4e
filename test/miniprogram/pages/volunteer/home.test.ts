import { fakeBackend, flush, loadPage, ok, render, wxMock } from '../../harness';
import type { HourEntryView } from '../../../../miniprogram/core/hours/contract';

const pageId = loadPage('pages/volunteer/home/index');

async function open(items: HourEntryView[] = []) {
  fakeBackend({ 'hours.pending': ok({ items }) });
  const page = render(pageId);
  page.instance.onShow();
  await flush();
  return page;
}

beforeEach(() => jest.clearAllMocks());

describe('志愿服务 from 我的', () => {
  it('leads to my sign-ups, my hours and my certificates', async () => {
    const page = await open();
    await page.tap('#go-signups');
    await page.tap('#go-hours');
    await page.tap('#go-certificates');
    expect(wxMock.navigateTo.mock.calls.map((c) => (c[0] as { url: string }).url)).toEqual(['/pages/volunteer/signups/index', '/pages/volunteer/hours/index', '/pages/certificates/index']);
    expect(page.exists('#go-verify')).toBe(false);
  });

  it('shows a project lead the entries waiting for them', async () => {
    const page = await open([{ id: 'e1' } as HourEntryView, { id: 'e2' } as HourEntryView]);
    expect(page.text('#verify-count')).toBe('2条');
    await page.tap('#go-verify');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/staff/hours-verify/index' });
  });
});
