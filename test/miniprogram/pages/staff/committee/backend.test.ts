/** The committee page against the real backend: the term it records is the term that sits. */
import { flush, loadPage, render } from '../../../harness';
import type { CommitteeView } from '../../../../../miniprogram/core/disclosure/supervision-contract';
import type { MeView } from '../../../../../miniprogram/core/member/contract';
import { createHarness, pagesAs, type Harness } from '../disclosure-backend';

const pageId = loadPage('staff/committee/index');

let h: Harness;
beforeEach(async () => {
  jest.clearAllMocks();
  h = await createHarness();
  jest.spyOn(Date, 'now').mockImplementation(() => h.clock.now());
});
afterEach(() => {
  jest.restoreAllMocks();
  h.close();
});

async function open() {
  pagesAs(h, 'demo-admin');
  const page = render(pageId);
  page.instance.onLoad();
  await flush();
  return page;
}

const picker = (sel: string) => `#member-picker >>> ${sel}`;

async function pickByName(page: Awaited<ReturnType<typeof open>>, name: string) {
  await page.input(picker('#mp-name'), name);
  await page.tap(picker('#mp-search'));
  await page.tap(picker('.mp-choice'));
}

describe('an admin records the first term', () => {
  it('seats a resident found by name and one typed for the paper board; the resident becomes a supervisor', async () => {
    const page = await open();
    expect(page.exists('#no-term')).toBe(true);
    await page.tap('#open-form');
    await page.tap('#chosen-residentsMeeting');
    await pickByName(page, '刘');
    expect(page.text('#member-0')).toContain('刘阿姨');
    await page.input('#typed-name', '钱大爷');
    await page.tap('#typed-add');
    await page.tap('#submit');
    await flush();
    expect(page.text('#saved')).toContain('已登记新一届');
    expect(page.text('#term')).toContain('刘阿姨');
    expect(page.text('#term')).toContain('钱大爷');
    const c = await h.ok<CommitteeView>('demo-resident-2', 'supervision.committee', {});
    expect(c.current).toBe(true);
    expect(c.members.map((m) => [m.name, m.position])).toEqual([['刘阿姨', 'chair'], ['钱大爷', 'member']]);
    const me = await h.ok<MeView>('demo-resident-1', 'member.me', {});
    expect(me.roles).toContain('supervisor');
  });
});

describe('staff on the list', () => {
  it('are refused by the server, said under the member concerned, and nothing is recorded', async () => {
    const page = await open();
    await page.tap('#open-form');
    await page.tap('#chosen-representativesMeeting');
    await page.input('#typed-name', '钱大爷');
    await page.tap('#typed-add');
    await pickByName(page, '李秀英');
    await page.tap('#submit');
    await flush();
    expect(page.text('#member-1-error')).toContain('不能担任居务监督委员会成员');
    const c = await h.ok<CommitteeView>('demo-admin', 'supervision.committee', {});
    expect(c.termId).toBeNull();
  });
});
