import { fakeBackend, flush, loadPage, meReply, ok, render, sent } from '../../harness';

const pageId = loadPage('pages/volunteer/register/index');

beforeEach(() => jest.clearAllMocks());

describe('是否党员 on the registration form', () => {
  it('is one choice of three, 不填 by default, and sends what was picked', async () => {
    const send = fakeBackend({
      'member.me': meReply(['volunteer.register'], { community: { id: 'demo', name: '幸福里社区' } as never }),
      'volunteer.profile': ok({ volunteer: null }),
      'volunteer.register': (d) => ok({ volunteer: null, ...d } as never),
    });
    const page = render(pageId);
    await page.instance.onLoad();
    await flush();
    expect(page.exists('#party-skip.ll-segment-on')).toBe(true);
    await page.tap('#party-yes');
    expect(page.exists('#party-yes.ll-segment-on')).toBe(true);
    expect(page.exists('#party-skip.ll-segment-on')).toBe(false);
    await page.input('#name', '刘阿姨');
    await page.tap('#submit');
    expect(sent(send, 'volunteer.register')[0].data).toMatchObject({ name: '刘阿姨', partyMember: true });
  });
});
