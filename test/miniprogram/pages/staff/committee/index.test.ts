import { fail, fakeBackend, flush, loadPage, meReply, ok, render, sent, wxMock, type Replies } from '../../../harness';
import { meeting } from '../council-fixtures';
import { committee, NOW } from '../disclosure-fixtures';

const pageId = loadPage('staff/committee/index');

async function open(replies: Replies = {}) {
  const send = fakeBackend({
    'member.me': meReply(['supervision.committee', 'supervision.appoint'], { memberId: 'm-wang', roles: ['admin'] }),
    'supervision.committee': ok(committee()),
    'meeting.list': ok({ items: [meeting({ id: 'meet-1', title: '2026年居民会议' })] }),
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad();
  await flush();
  return { page, send };
}

const picker = (sel: string) => `#member-picker >>> ${sel}`;

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('the sitting committee', () => {
  it('shows its term, how it was chosen, and its members in office', async () => {
    const { page } = await open();
    expect(page.text('#term-text')).toBe('任期 2024年1月1日 至 2028年12月31日');
    expect(page.text('#chosen-by')).toBe('居民会议推选');
    expect(page.text('#term')).toContain('赵监督');
    expect(page.text('#term')).toContain('主任');
    expect(page.text('#term')).toContain('钱大爷');
    expect(page.text('#term')).toContain('只看纸质公开栏');
  });

  it('says when none is recorded, and offers no form to someone who may not appoint', async () => {
    const { page } = await open({
      'supervision.committee': ok(committee({ termId: null, chosenBy: null, chosenByLabel: null, startsOn: null, endsOn: null, current: false, members: [] })),
      'member.me': meReply(['supervision.committee'], { roles: ['gridWorker'] }),
    });
    expect(page.exists('#no-term')).toBe(true);
    expect(page.exists('#open-form')).toBe(false);
  });
});

describe('recording a new term', () => {
  it('takes a member found by name and one typed, one 主任, and sends the term', async () => {
    const { page, send } = await open({
      'member.find': ok({ items: [{ key: 'k1', onApp: true, household: { id: 'h1', buildingId: 'b1', buildingName: '1号楼', unit: '1', room: '101', address: '1号楼 1单元 101室' }, people: [{ memberId: 'm-sun', name: '孙阿姨', roles: ['resident'] }] }] }),
      'supervision.appoint': (data) => ok(committee({ termId: 'term_c1_2026-10-12', startsOn: data.startsOn, endsOn: data.endsOn, members: [{ name: '孙阿姨', position: 'member', positionLabel: '委员', onApp: true, isMe: false }, { name: '周老师', position: 'chair', positionLabel: '主任', onApp: false, isMe: false }] })),
    });
    await page.tap('#open-form');
    expect(page.instance.data.startsOn).toBe('2026-10-12');
    expect(page.instance.data.endsOn).toBe('2031-10-12');
    await page.tap('#chosen-representativesMeeting');
    await page.change('#meeting', 1);
    await page.input(picker('#mp-name'), '孙');
    await page.tap(picker('#mp-search'));
    await page.tap(picker('.mp-choice'));
    expect(page.text('#member-0')).toContain('孙阿姨');
    expect(page.text('#member-0-position')).toBe('主任');
    await page.input('#typed-name', '周老师');
    await page.tap('#typed-add');
    expect(page.text('#member-1')).toContain('只看纸质公开栏');
    await page.tap('#member-1-chair');
    expect(page.text('#member-0-position')).toBe('委员');
    expect(page.text('#member-1-position')).toBe('主任');
    await page.tap('#submit');
    expect(wxMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('上一届即告结束') }));
    await flush();
    expect(sent(send, 'supervision.appoint')[0].data).toEqual({
      chosenBy: 'representativesMeeting',
      meetingId: 'meet-1',
      startsOn: '2026-10-12',
      endsOn: '2031-10-12',
      members: [
        { memberId: 'm-sun', name: '孙阿姨', position: 'member' },
        { name: '周老师', position: 'chair' },
      ],
    });
    expect(page.text('#saved')).toContain('已登记新一届');
    expect(page.text('#term-text')).toBe('任期 2026年10月12日 至 2031年10月12日');
    expect(page.exists('#appoint-form')).toBe(false);
  });

  it('asks for how they were chosen and a member before sending anything', async () => {
    const { page, send } = await open();
    await page.tap('#open-form');
    await page.tap('#submit');
    await flush();
    expect(page.text('#chosen-by-error')).toBe('请选择推选方式');
    expect(page.text('#members-error')).toBe('请至少登记一位成员');
    expect(wxMock.showModal).not.toHaveBeenCalled();
    expect(sent(send, 'supervision.appoint')).toHaveLength(0);
  });

  it('wants exactly one 主任: the first member is it until another is chosen, and a list without one is refused', async () => {
    const { page, send } = await open();
    await page.tap('#open-form');
    await page.tap('#chosen-residentsMeeting');
    await page.input('#typed-name', '周老师');
    await page.tap('#typed-add');
    await page.input('#typed-name', '吴师傅');
    await page.tap('#typed-add');
    expect(page.text('#member-0-position')).toBe('主任');
    expect(page.text('#member-1-position')).toBe('委员');
    await page.tap('#member-0-remove');
    await page.tap('#submit');
    expect(page.text('#members-error')).toBe('须有且只有一位主任');
    expect(sent(send, 'supervision.appoint')).toHaveLength(0);
  });

  it('shows the server’s refusal of a member under that member', async () => {
    const { page } = await open({
      'supervision.appoint': fail('VALIDATION_ERROR', '社区工作人员不能担任监督委员会成员', { issues: [{ path: 'members.0.memberId', message: '李秀英是社区工作人员，不能担任' }] }),
    });
    await page.tap('#open-form');
    await page.tap('#chosen-residentsMeeting');
    await page.input('#typed-name', '李秀英');
    await page.tap('#typed-add');
    await page.tap('#submit');
    await flush();
    expect(page.text('#member-0-error')).toBe('李秀英是社区工作人员，不能担任');
  });
});
