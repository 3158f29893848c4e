import { fail, fakeBackend, flush, loadPage, meReply, ok, render, sent, wxMock, type Replies } from '../../../harness';
import { bj, meeting, motion, NOW } from '../council-fixtures';

const pageId = loadPage('staff/meeting-edit/index');

const grids = ok({ items: [{ id: 'g1', name: '第一网格' }, { id: 'g2', name: '第二网格' }] });
const buildings = ok({ items: [{ id: 'b1', name: '1号楼', gridId: 'g1' }, { id: 'b3', name: '3号楼', gridId: 'g2' }] });

async function open(replies: Replies = {}) {
  const send = fakeBackend({
    'member.me': meReply(['meeting.create'], { roles: ['admin'] }),
    'community.grids': grids,
    'community.buildings': buildings,
    'motion.list': ok({ items: [motion(), motion({ id: 'motion-2', title: '更换路灯', status: 'collecting', statusLabel: '征集附议中' })] }),
    'meeting.create': ok(meeting({ id: 'meeting-new', status: 'noticed', statusLabel: '已发通知' })),
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad();
  await flush();
  return { page, send };
}

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('choosing the body that meets', () => {
  it('offers its rule packs explained and its roll, and says the least notice with the earliest day', async () => {
    const { page } = await open();
    expect(page.text('#rule-needs-body')).toContain('请先选择会议类型');
    await page.change('#body', 3);
    expect(page.text('#body-value')).toBe('业主大会');
    expect(page.text('#notice-text')).toContain('业主大会须至少提前15天发通知');
    expect(page.text('#notice-text')).toContain('12月17日');
    const rules = page.text('#rule-section');
    expect(rules).toContain('《民法典》第二百七十八条');
    expect(rules).toContain('本社区议事规则');
    expect(rules).not.toContain('居民会议（《城市居民委员会组织法》');
    expect(page.text('#roll')).toContain('业主（按专有部分）');
    expect(page.text('#roll')).not.toContain('每户派一名代表');
    // The start moves out of the notice period instead of waiting to be refused.
    expect(page.text('#start-date')).toBe('2026-12-17');
  });

  it('explains a 居民会议 rule in plain sentences once chosen', async () => {
    const { page } = await open();
    await page.change('#body', 0);
    await page.change('#roll-kind', 'household');
    expect(page.text('#rule-explain')).toContain('超过半数');
  });
});

describe('sending the notice with nothing filled in', () => {
  it('names each missing field, and sends nothing', async () => {
    const { page, send } = await open();
    await page.tap('#submit');
    expect(page.exists('#title-error')).toBe(true);
    expect(page.text('#body-error')).toBe('请选择会议类型');
    expect(page.exists('#place-error')).toBe(true);
    expect(page.text('#agenda-error')).toBe('请至少列一项议程');
    expect(page.text('#secretary-error')).toBe('请选择记录人');
    expect(sent(send, 'meeting.create')).toHaveLength(0);
  });
});

describe('convening a representatives meeting', () => {
  it('sends the body, invitees and secretary picked by name, a motion and a free item, and opens the meeting', async () => {
    const { page, send } = await open();
    await page.input('#title', '2026年第四次居民代表会议');
    await page.change('#body', 1);
    await page.input('#place', '社区党群服务中心二楼');
    await page.trigger('#invitee-picker', 'pick', { memberId: 'm-rep1', name: '赵代表', label: '赵代表 · 1号楼 1单元 101室', onApp: true });
    await page.trigger('#invitee-picker', 'pick', { memberId: 'm-rep2', name: '钱代表', label: '钱代表 · 3号楼 2单元 301室', onApp: true });
    expect(page.text('#invitees')).toContain('已选2人');
    expect(page.text('#invitees')).toContain('赵代表 · 1号楼 1单元 101室');
    await page.change('#add-motion', 0);
    expect(page.text('#item-0')).toContain('增设快递柜（刘阿姨提议，已有52户附议，需50户）');
    await page.change('#item-mode-0', 'hands');
    await page.tap('#add-item');
    await page.input('#item-title-1', '审议小区停车管理办法');
    await page.change('#item-mode-1', 'perPerson');
    await page.input('#item-options-1', '同意、不同意、弃权');
    await page.trigger('#secretary-picker', 'pick', { memberId: 'm-li', name: '李秀英', label: '李秀英', onApp: true });
    await page.tap('#submit');
    const data = sent(send, 'meeting.create')[0].data as Record<string, unknown>;
    expect(data).toMatchObject({
      title: '2026年第四次居民代表会议',
      body: 'representatives',
      place: '社区党群服务中心二楼',
      startsAt: bj(2026, 12, 5, 19),
      endsAt: bj(2026, 12, 5, 21),
      roll: { kind: 'invitees', scope: 'community', ids: [], inviteeIds: ['m-rep1', 'm-rep2'] },
      rule: { id: 'Representatives' },
      secretaryId: 'm-li',
      seats: null,
      proxiesPerAgent: 1,
    });
    expect(data.agenda).toEqual([
      { motionId: 'motion-1', text: '', voteMode: 'hands', secret: false, options: ['同意', '不同意'] },
      { title: '审议小区停车管理办法', text: '', voteMode: 'perPerson', secret: false, options: ['同意', '不同意', '弃权'] },
    ]);
    expect(JSON.stringify(data)).not.toContain('motion-2');
    expect(wxMock.redirectTo).toHaveBeenCalledWith({ url: '/staff/meeting-run/index?meetingId=meeting-new' });
  });

  it('shows the server’s refusals at their fields: the notice period at the start, an item at its row', async () => {
    const { page } = await open({
      'meeting.create': fail('VALIDATION_ERROR', '请检查', {
        issues: [
          { path: 'startsAt', message: '居民代表会议须至少提前3天通知' },
          { path: 'agenda.0.motionId', message: '这个议题已列入其他会议' },
        ],
      }),
    });
    await page.input('#title', '2026年第四次居民代表会议');
    await page.change('#body', 1);
    await page.input('#place', '社区党群服务中心');
    await page.trigger('#invitee-picker', 'pick', { memberId: 'm-rep1', label: '赵代表', onApp: true });
    await page.change('#add-motion', 0);
    await page.change('#item-mode-0', 'hands');
    await page.trigger('#secretary-picker', 'pick', { memberId: 'm-li', label: '李秀英', onApp: true });
    await page.tap('#submit');
    expect(page.text('#starts-error')).toBe('居民代表会议须至少提前3天通知');
    expect(page.text('#item-error-0')).toBe('这个议题已列入其他会议');
    expect(wxMock.redirectTo).not.toHaveBeenCalled();
  });
});

describe('an owners’ assembly item', () => {
  it('must name its matter of Art. 278 before anything is sent', async () => {
    const { page, send } = await open();
    await page.change('#body', 3);
    await page.tap('#add-item');
    await page.change('#item-mode-0', 'perPerson');
    await page.tap('#submit');
    expect(page.text('#item-error-0')).toContain('请选择表决事项');
    expect(sent(send, 'meeting.create')).toHaveLength(0);
    await page.change('#item-matter-0', 4);
    await page.input('#title', '2026年业主大会');
    await page.input('#place', '小区广场');
    await page.input('#item-title-0', '续聘物业服务企业');
    await page.trigger('#secretary-picker', 'pick', { memberId: 'm-li', label: '李秀英', onApp: true });
    await page.tap('#submit');
    expect(page.exists('#item-error-0')).toBe(false);
    expect(sent(send, 'meeting.create')[0].data).toMatchObject({
      body: 'ownersAssembly',
      roll: { kind: 'ownerUnit' },
      rule: { id: 'CivilCode-278' },
      agenda: [{ title: '续聘物业服务企业', voteMode: 'perPerson', matter: 5 }],
    });
  });
});
