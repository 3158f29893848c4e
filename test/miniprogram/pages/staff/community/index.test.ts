import { flush, loadPage, meReply, render, sent } from '../../../harness';
import { communityBackend, type Replies } from '../../../components/community-fixtures';

// The shell only: each tab's own behaviour is tested with its component, under components/.
const pageId = loadPage('staff/community/index');

async function open(replies: Replies = {}) {
  const send = communityBackend(replies);
  const page = render(pageId);
  page.instance.onLoad();
  await flush();
  return { page, send };
}

beforeEach(() => jest.clearAllMocks());

describe('someone without community.upsertGrid opens 社区管理', () => {
  it('says they have no access and loads nothing', async () => {
    const { page, send } = await open({ 'member.me': meReply(['concern.queue', 'concern.upsertCategory'], { roles: ['gridWorker'] }) });
    expect(page.text('#no-access')).toContain('没有社区管理权限');
    expect(page.exists('#tab-grids')).toBe(false);
    expect(sent(send, 'community.grids')).toHaveLength(0);
    expect(sent(send, 'community.buildings')).toHaveLength(0);
  });
});

describe('an admin opens 社区管理', () => {
  it('starts on 网格与楼栋 and reads nothing for the other tabs yet', async () => {
    const { page, send } = await open();
    expect(page.exists('#tab-roles')).toBe(true);
    expect(page.exists('#tab-invites')).toBe(true);
    expect(page.exists('#tab-categories')).toBe(true);
    expect(page.text('#tab-body-grids')).toContain('第一网格');
    expect(page.exists('#tab-body-roles')).toBe(false);
    expect(sent(send, 'concern.categories')).toHaveLength(0);
  });

  it('opens a tab on its first tap and keeps the others as they were', async () => {
    const { page, send } = await open();
    await page.tap('#tab-categories');
    expect(page.text('#tab-body-categories')).toContain('噪音扰民');
    await page.tap('#tab-grids');
    await page.tap('#tab-categories');
    // Neither tab read its lists again: they were only hidden.
    expect(sent(send, 'concern.categories')).toHaveLength(1);
    expect(sent(send, 'community.buildings')).toHaveLength(1);
  });

  it('loads more buildings when the page is scrolled to the bottom on 网格与楼栋', async () => {
    const { page, send } = await open();
    page.instance.onReachBottom();
    await flush();
    expect(sent(send, 'community.buildings')[1].data).toMatchObject({ cursor: 'p2' });
    expect(page.text('#tab-body-grids')).toContain('3号楼');
  });
});

describe('an admin allowed only the structure', () => {
  it('sees no tabs for roles, invites or categories', async () => {
    const { page } = await open({ 'member.me': meReply(['community.upsertGrid', 'community.upsertBuilding'], { roles: ['admin'] }) });
    expect(page.exists('#tab-grids')).toBe(true);
    expect(page.exists('#tab-roles')).toBe(false);
    expect(page.exists('#tab-invites')).toBe(false);
    expect(page.exists('#tab-categories')).toBe(false);
  });
});
