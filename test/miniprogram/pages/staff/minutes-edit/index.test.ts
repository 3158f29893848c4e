import { fail, fakeBackend, flush, loadPage, ok, render, sent, type Replies } from '../../../harness';
import type { ActionName } from '../../../../../miniprogram/core/action-names';
import { bj, entry, item, meeting, minutes, NOW, quorum } from '../council-fixtures';

const pageId = loadPage('staff/minutes-edit/index');

const ended = meeting({
  status: 'ended',
  statusLabel: '会议已结束，纪要待审定',
  minutes: 'draft',
  agenda: [
    item({ status: 'adopted', statusLabel: '表决通过', allowedActions: [] }),
    item({ itemId: 'item-2', order: 2, title: '更换路灯', status: 'rejected', statusLabel: '表决未通过', allowedActions: [] }),
  ],
});

async function open(replies: Replies = {}) {
  const send = fakeBackend({
    'meeting.minutes': ok(minutes()),
    'meeting.get': ok(ended),
    'meeting.attendance': ok({ items: [entry({ present: true, via: 'self', viaLabel: '扫码签到' })], quorum: quorum(150, 10), total: 1 }),
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad({ meetingId: 'meeting-1' });
  await flush();
  return { page, send };
}

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('the secretary drafts the minutes', () => {
  it('shows the record lines read only, and what the public version will mask', async () => {
    const { page } = await open();
    expect(page.text('#record')).toContain('应到250户，到会160户');
    expect(page.text('#record')).toContain('名册校验码 9f86d081884c7d65');
    expect(page.text('#masked')).toBe('公开时将隐去：手机号2处、姓名3处');
    expect(page.exists('#approve')).toBe(false);
  });

  it('saves the summary, each item’s discussion and the people who agreed to be named, with the version read', async () => {
    const { page, send } = await open({ 'meeting.saveMinutes': (data) => ok(minutes({ version: 4, summary: data.summary, named: [{ memberId: 'm-liu', name: '刘阿姨' }] })) });
    await page.input('#summary', '会议由王书记主持，到会160户。');
    await page.input('#discussion-0', '多数居民赞成，有人担心占用消防通道。');
    await page.input('#named-search', '101');
    await page.tap('#named-search-go');
    expect(sent(send, 'meeting.attendance')[0].data).toMatchObject({ meetingId: 'meeting-1', search: '101' });
    await page.tap('#add-named-0-0');
    expect(page.text('#named')).toContain('刘阿姨');
    await page.tap('#save');
    expect(sent(send, 'meeting.saveMinutes')[0].data).toEqual({
      meetingId: 'meeting-1',
      version: 3,
      summary: '会议由王书记主持，到会160户。',
      items: [{ itemId: 'item-1', discussion: '多数居民赞成，有人担心占用消防通道。' }],
      namedMemberIds: ['m-liu'],
    });
    expect(page.text('#saved')).toBe('已保存');
    await page.input('#summary', '会议由王书记主持。');
    await page.tap('#save');
    expect(sent(send, 'meeting.saveMinutes')[1].data).toMatchObject({ version: 4 });
  });

  it('says someone else saved first instead of overwriting, and reloads the latest', async () => {
    const { page, send } = await open({ 'meeting.saveMinutes': fail('CONFLICT', '纪要已被修改') });
    await page.input('#summary', '我的修改');
    await page.tap('#save');
    expect(page.text('#conflict')).toContain('别人刚刚保存过这份纪要');
    expect(page.exists('#save-error')).toBe(false);
    await page.tap('#reload');
    expect(sent(send, 'meeting.minutes')).toHaveLength(2);
    expect(page.exists('#conflict')).toBe(false);
    expect(page.instance.data.summary).toBe('会议由王书记主持。');
  });
});

describe('an admin other than the secretary approves', () => {
  const approvable = minutes({ allowedActions: ['meeting.minutes', 'meeting.approveMinutes'] as ActionName[] });

  it('names an owner and a due date for each adopted item, and publishes', async () => {
    const { page, send } = await open({
      'meeting.minutes': ok(approvable),
      'meeting.approveMinutes': ok(minutes({ status: 'approved', approvedByName: '王书记', approvedAt: NOW, publicText: '2026年第四次居民会议纪要……', maskedText: null, allowedActions: ['meeting.minutes'] as ActionName[] })),
    });
    expect(page.exists('#adopted-0')).toBe(true);
    expect(page.exists('#adopted-1')).toBe(false);
    expect(page.text('#adopted-0')).toContain('增设快递柜');
    await page.tap('#approve');
    expect(page.text('#adopted-error-0')).toBe('请选择负责人');
    expect(sent(send, 'meeting.approveMinutes')).toHaveLength(0);
    await page.trigger('#owner-0', 'pick', { memberId: 'm-li', name: '李秀英', label: '李秀英', onApp: true });
    await page.change('#due-0', '2026-12-31');
    await page.change('#procedure-0', true);
    await page.tap('#approve');
    expect(sent(send, 'meeting.approveMinutes')[0].data).toEqual({
      meetingId: 'meeting-1',
      version: 3,
      resolutions: [{ itemId: 'item-1', ownerId: 'm-li', dueAt: bj(2026, 12, 31, 23, 59), procedure: true }],
    });
    expect(page.text('#status')).toBe('已审定并公布');
    expect(page.text('#public')).toContain('2026年第四次居民会议纪要');
    expect(page.exists('#approve')).toBe(false);
  });

  it('shows a refusal for an item at that item', async () => {
    const { page } = await open({
      'meeting.minutes': ok(approvable),
      'meeting.approveMinutes': fail('VALIDATION_ERROR', '请检查', { issues: [{ path: 'resolutions.0.dueAt', message: '完成期限须在今天以后' }] }),
    });
    await page.trigger('#owner-0', 'pick', { memberId: 'm-li', label: '李秀英', onApp: true });
    await page.tap('#approve');
    expect(page.text('#adopted-error-0')).toBe('完成期限须在今天以后');
  });
});
