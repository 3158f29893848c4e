import { fail, flush, loadPage, ok, sent, wxMock } from '../../harness';
import { building, openTab, type Replies } from '../community-fixtures';

const tabId = loadPage('staff/components/community-invites/index');
const open = (replies: Replies = {}) => openTab(tabId, replies);

beforeEach(() => jest.clearAllMocks());

describe('issuing invite codes', () => {
  async function fillTwo() {
    const opened = await open();
    const { tab: page } = opened;
    await page.change('#invite-building-0', '0');
    await page.input('#invite-unit-0', '2');
    await page.input('#invite-room-0', '301');
    await page.tap('#invite-add');
    await page.change('#invite-building-1', '2');
    await page.input('#invite-room-1', '502');
    return opened;
  }

  it('sends one household per row with the building picked, and shows the codes with address and expiry', async () => {
    const { tab: page, send } = await fillTwo();
    // A new row starts in the last row's unit.
    expect(page.instance.data.inviteRows).toMatchObject([{ unit: '2' }, { unit: '2', room: '502' }]);
    await page.input('#valid-days', '14');
    await page.tap('#invite-submit');

    expect(sent(send, 'member.issueInvites')[0].data).toEqual({
      households: [
        { buildingId: 'b1', unit: '2', room: '301' },
        { buildingId: 'b3', unit: '2', room: '502' },
      ],
      validDays: 14,
    });
    expect(page.count('.invite-code')).toBe(2);
    const shown = page.text('#invites');
    expect(shown).toContain('ABCDEFG2');
    expect(shown).toContain('1号楼 2单元 301室');
    expect(shown).toContain('有效期至 2026-06-05 10:30');
  });

  it('sends 30 days when the default is kept', async () => {
    const { tab: page, send } = await fillTwo();
    await page.tap('#invite-submit');
    expect(sent(send, 'member.issueInvites')[0].data).toMatchObject({ validDays: 30 });
  });

  it('复制全部 copies every code with its address', async () => {
    const { tab: page } = await fillTwo();
    await page.tap('#invite-submit');
    await page.tap('#invites-copy');
    expect(wxMock.setClipboardData).toHaveBeenCalledWith({
      data: '1号楼 2单元 301室  邀请码：ABCDEFG2  有效期至：2026-06-05 10:30\n3号楼 2单元 502室  邀请码：ABCDEFG3  有效期至：2026-06-05 10:30',
    });
  });

  it('removes a row and marks a row missing its 门牌号 without sending', async () => {
    const { tab: page, send } = await fillTwo();
    await page.tap('#invite-add');
    expect(page.count('.invite-row')).toBe(3);
    await page.tap('#invite-remove-2');
    expect(page.count('.invite-row')).toBe(2);
    await page.input('#invite-room-1', '');
    await page.tap('#invite-submit');
    expect(sent(send, 'member.issueInvites')).toHaveLength(0);
    expect(page.text('#invite-row-1 .invite-row-error')).toBe('请填写门牌号');
    expect(page.exists('#invite-row-0 .invite-row-error')).toBe(false);
  });

  it('asks for the building of a row left without one', async () => {
    const { tab: page, send } = await open();
    await page.input('#invite-unit-0', '1');
    await page.input('#invite-room-0', '101');
    await page.tap('#invite-submit');
    expect(sent(send, 'member.issueInvites')).toHaveLength(0);
    expect(page.text('#invite-row-0 .invite-row-error')).toBe('请选择楼栋');
  });

  it('stops adding rows at 50', async () => {
    const { tab: page } = await fillTwo();
    for (let i = 0; i < 60; i++) page.instance.addInviteRow();
    expect(page.instance.data.inviteRows).toHaveLength(50);
  });

  it('shows the server’s refusal', async () => {
    const opened = await open({ 'member.issueInvites': fail('VALIDATION_ERROR', '所选楼栋不存在') });
    const { tab: page } = opened;
    await page.change('#invite-building-0', '1');
    await page.input('#invite-unit-0', '1');
    await page.input('#invite-room-0', '101');
    await page.tap('#invite-submit');
    expect(page.text('#invite-error')).toBe('所选楼栋不存在');
    expect(page.exists('#invites')).toBe(false);
  });
});

describe('coming back to the tab', () => {
  it('reads the buildings again and keeps each row on the building it picked', async () => {
    let list = [building(1), building(3, 'g2')];
    const { tab: page, send } = await open({ 'community.buildings': () => ok({ items: list }) });
    await page.change('#invite-building-0', '1');
    // Meanwhile 网格与楼栋 added a building that sorts first.
    list = [building(0), building(1), building(3, 'g2')];
    const tab = page.instance as unknown as { setData(d: object): void };
    tab.setData({ active: false });
    tab.setData({ active: true });
    await flush();
    expect(sent(send, 'community.buildings')).toHaveLength(2);
    expect(page.instance.data.buildingOptions).toEqual(['0号楼', '1号楼', '3号楼']);
    expect(page.instance.data.inviteRows).toMatchObject([{ buildingIndex: 2 }]);
  });
});
