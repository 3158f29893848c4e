/**
 * 会议纪要 from the secretary's draft to the approved public version: only the secretary
 * drafts, after the meeting, on the version they read; an admin other than the secretary
 * approves, naming an owner and a due date for every adopted item, which become resolutions;
 * residents read nothing until then, and then only the masked public version.
 */
import type { MinutesView } from '../../../../../miniprogram/core/council/meeting-contract';
import type { ResolutionView } from '../../../../../miniprogram/core/council/resolution-contract';
import { memberIdFor as member } from '../../../../../cloudfunctions/lib/kernel/caller';
import { DAY } from '../../../../../cloudfunctions/lib/kernel/time';
import { resolutionIdFor } from '../../../../../cloudfunctions/lib/features/resolution/records';
import type { RecordOf } from '../../../../../cloudfunctions/lib/ports/store';
import { createHarness, type Harness } from '../../../../support/harness';
import '../resolution/fixtures';
import { endedMeeting, person, type MeetingSpec } from './minutes-fixtures';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  // 李主任, the community's second admin (the demo seeds her only with the lifecycle).
  await h.ok('demo-admin', 'member.setRoles', { memberId: member('demo-admin-2'), roles: ['admin'], name: '李主任' });
});
afterEach(() => h.close());

async function meeting(extra: Partial<MeetingSpec> = {}) {
  const reps = [await person(h, 'rep-1', '王建国'), await person(h, 'rep-2', '张秀英', '302'), await person(h, 'rep-3', '欧阳明', '401'), member('demo-resident-1')];
  return endedMeeting(h, {
    invitees: reps,
    present: reps.slice(0, 3),
    agenda: [
      { title: '在东门增设快递柜', text: '由物业在东门内侧安装一组智能快递柜。', status: 'adopted', moverName: '陈志强' },
      { title: '调整停车收费', status: 'rejected' },
      { title: '通报上季度工作', status: 'discussed' },
    ],
    ...extra,
  });
}

const save = (who: string, data: Record<string, unknown>) => h.call<MinutesView>(who, 'meeting.saveMinutes', { meetingId: 'mt_minutes', version: 0, summary: '会议讨论了三项议程。', ...data });
const approve = (who: string, data: Record<string, unknown>) => h.call<MinutesView>(who, 'meeting.approveMinutes', { meetingId: 'mt_minutes', version: 1, ...data });
const owner = (dueAt = h.clock.now() + 30 * DAY) => ({ resolutions: [{ itemId: 'it1', ownerId: member('demo-grid-1'), dueAt }] });

describe('the record part is built from the meeting, not typed', () => {
  it('gives staff the record lines: time, place, roll and its hash, attendance, each item with its quorum and decision', async () => {
    const m = await meeting();
    const v = await h.ok<MinutesView>('demo-admin', 'meeting.minutes', { meetingId: m._id });
    expect(v).toMatchObject({ status: 'draft', version: 0, summary: '', secretaryName: '李秀英', publicText: expect.any(String) });
    const text = v.record.join('\n');
    expect(text).toContain('会议名称：2026年第四季度居民代表会议');
    expect(text).toContain('地点：社区服务站二楼会议室');
    expect(text).toContain('召集人：王书记；记录人：李秀英');
    expect(text).toContain('参会范围：指定人员（代表、成员），应到4人');
    expect(text).toContain(`名册校验码：${m.roll.hash.slice(0, 16)}`);
    expect(text).toContain('到会情况：到会3人（本人3，委托0）');
    expect(text).toContain('第1项：在东门增设快递柜（提议人：陈志强）');
    expect(text).toContain('开始表决时：到会3人');
    expect(text).toContain('表决结果：表决通过。应到4人，到会3人；同意2（需>1.5）→ 通过（同意2，不同意1）');
    expect(text).toContain('第3项：通报上季度工作');
    expect(v.items.map((i) => i.title)).toEqual(['在东门增设快递柜', '调整停车收费', '通报上季度工作']);
  });
});

describe('only the secretary drafts, after the meeting and before approval', () => {
  it('refuses the convener, another admin and a grid worker', async () => {
    await meeting();
    for (const who of ['demo-admin', 'demo-admin-2', 'demo-grid-2']) expect(await save(who, {})).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await save('demo-grid-1', {})).toMatchObject({ ok: true, data: { status: 'draft', version: 1, summary: '会议讨论了三项议程。' } });
  });
  it('refuses while the meeting is in session', async () => {
    await meeting({ status: 'inSession' });
    expect(await save('demo-grid-1', {})).toMatchObject({ error: { code: 'CONFLICT', message: '会议结束后才能起草纪要' } });
  });
  it('names only people on the roll, and checks the words', async () => {
    await meeting();
    expect(await save('demo-grid-1', { namedMemberIds: [member('demo-resident-2')] })).toMatchObject({ error: { code: 'VALIDATION_ERROR', details: { issues: [{ path: 'namedMemberIds.0' }] } } });
    expect(await save('demo-grid-1', { items: [{ itemId: 'it9', discussion: '无' }] })).toMatchObject({ error: { details: { issues: [{ path: 'items.0.itemId' }] } } });
    expect(await save('demo-grid-1', { items: [{ itemId: 'it1', discussion: '有人提到赌博问题' }] })).toMatchObject({ error: { code: 'CONTENT_REJECTED', details: { issues: [{ path: 'items.0.discussion' }] } } });
    const v = await h.ok<MinutesView>('demo-grid-1', 'meeting.saveMinutes', { meetingId: 'mt_minutes', version: 0, summary: '', namedMemberIds: [member('rep-3')] });
    expect(v.named).toEqual([{ memberId: member('rep-3'), name: '欧阳明' }]);
  });
});

describe('a save on a stale version is refused, never a silent overwrite', () => {
  it('takes the first of two saves read at the same version', async () => {
    await meeting();
    expect((await save('demo-grid-1', { summary: '第一稿' })).ok).toBe(true);
    expect(await save('demo-grid-1', { summary: '另一台手机上的旧稿' })).toMatchObject({ error: { code: 'CONFLICT', details: { issues: [{ path: 'version' }] } } });
    expect((await save('demo-grid-1', { version: 1, summary: '第二稿' })).ok).toBe(true);
    expect(await h.ok<MinutesView>('demo-admin', 'meeting.minutes', { meetingId: 'mt_minutes' })).toMatchObject({ version: 2, summary: '第二稿' });
  });
});

describe('residents read nothing before approval, then only the public version', () => {
  it('is NOT_FOUND to residents and volunteers while a draft', async () => {
    await meeting();
    await save('demo-grid-1', {});
    for (const who of ['demo-resident-1', 'demo-volunteer-1']) expect(await h.call(who, 'meeting.minutes', { meetingId: 'mt_minutes' })).toMatchObject({ error: { code: 'NOT_FOUND' } });
    await approve('demo-admin', owner());
    const v = await h.ok<MinutesView>('demo-resident-1', 'meeting.minutes', { meetingId: 'mt_minutes' });
    expect(v).toMatchObject({ status: 'approved', named: [], maskedText: null, approvedByName: '王书记', allowedActions: ['meeting.minutes'] });
    expect(v.publicText).toContain('会议概要：会议讨论了三项议程。');
    expect(v.record.join('\n')).toContain('第1项：在东门增设快递柜');
  });
});

describe('the secretary cannot approve their own minutes', () => {
  it('refuses an admin who kept the minutes, and a grid worker; another admin approves', async () => {
    await meeting({ secretary: 'demo-admin-2' });
    expect((await save('demo-admin-2', {})).ok).toBe(true);
    expect(await approve('demo-admin-2', owner())).toMatchObject({ error: { code: 'FORBIDDEN', message: '记录人不能审定自己起草的纪要，请由另一位管理员审定' } });
    expect(await approve('demo-grid-2', owner())).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await approve('demo-admin', owner())).toMatchObject({ ok: true, data: { status: 'approved', approvedByName: '王书记' } });
    const draft = await h.ok<MinutesView>('demo-admin-2', 'meeting.minutes', { meetingId: 'mt_minutes' });
    expect(draft.allowedActions).not.toContain('meeting.approveMinutes');
  });
});

describe('every adopted item needs an owner from the staff and a due date ahead', () => {
  it('refuses approval without them, naming the field, and approves nothing', async () => {
    await meeting();
    await save('demo-grid-1', {});
    expect(await approve('demo-admin', {})).toMatchObject({ error: { code: 'VALIDATION_ERROR', message: expect.stringContaining('第1项「在东门增设快递柜」'), details: { issues: [{ path: 'resolutions' }] } } });
    expect(await approve('demo-admin', { resolutions: [{ itemId: 'it1', ownerId: member('rep-1'), dueAt: h.clock.now() + DAY }] })).toMatchObject({ error: { details: { issues: [{ path: 'resolutions.0.ownerId' }] } } });
    expect(await approve('demo-admin', owner(h.clock.now() - 1))).toMatchObject({ error: { details: { issues: [{ path: 'resolutions.0.dueAt' }] } } });
    expect(await approve('demo-admin', { resolutions: [...owner().resolutions, { itemId: 'it2', ownerId: member('demo-grid-1'), dueAt: h.clock.now() + DAY }] })).toMatchObject({ error: { details: { issues: [{ path: 'resolutions.1.itemId' }] } } });
    expect(await h.ok<MinutesView>('demo-admin', 'meeting.minutes', { meetingId: 'mt_minutes' })).toMatchObject({ status: 'draft' });
    expect(await h.deps.store.get('resolutions', resolutionIdFor('mt_minutes', 'it1'))).toBeNull();
  });
});

describe('approval freezes the public version and makes one resolution per adopted item', () => {
  it('creates the resolution with its owner, due date and the vote’s explanation; a retry makes nothing more', async () => {
    await meeting();
    await save('demo-grid-1', {});
    const due = h.clock.now() + 30 * DAY;
    const first = await h.ok<MinutesView>('demo-admin', 'meeting.approveMinutes', { meetingId: 'mt_minutes', version: 1, ...owner(due) });
    const again = await h.ok<MinutesView>('demo-admin', 'meeting.approveMinutes', { meetingId: 'mt_minutes', version: 1, ...owner(due) });
    expect(again.publicText).toBe(first.publicText);
    const id = resolutionIdFor('mt_minutes', 'it1');
    const r = await h.ok<ResolutionView>('demo-resident-1', 'resolution.get', { resolutionId: id });
    expect(r).toMatchObject({ title: '在东门增设快递柜', ownerName: '李秀英', dueAt: due, percent: 0, explanation: expect.stringContaining('→ 通过'), meeting: { meetingId: 'mt_minutes', bodyLabel: '居民代表会议' } });
    expect(await h.deps.store.get('resolutions', resolutionIdFor('mt_minutes', 'it2'))).toBeNull();
    const m = await h.deps.store.get('meetings', 'mt_minutes');
    expect(m?.agenda.map((i) => i.resolutionId)).toEqual([id, null, null]);
    expect(m?.status).toBe('minutesApproved');
    expect((await h.deps.store.query('inbox', { where: { communityId: 'demo', recipientId: member('demo-grid-1') }, orderBy: { field: 'createdAt', dir: 'desc' }, limit: 50 })).items.filter((x) => (x as { kind: string }).kind === 'resolution.assigned')).toHaveLength(1);
  });
  it('refuses an approval of a version the secretary has since changed, a second approver, and any later save', async () => {
    await meeting();
    await save('demo-grid-1', {});
    await save('demo-grid-1', { version: 1, summary: '改过的概要' });
    expect(await approve('demo-admin', owner())).toMatchObject({ error: { code: 'CONFLICT', details: { issues: [{ path: 'version' }] } } });
    expect((await approve('demo-admin', { version: 2, ...owner() })).ok).toBe(true);
    expect(await approve('demo-admin-2', { version: 2, ...owner() })).toMatchObject({ error: { code: 'CLOSED' } });
    expect(await save('demo-grid-1', { version: 2 })).toMatchObject({ error: { code: 'CLOSED' } });
  });
  it('carries 四议两公开 when asked: the resolving stage filled from the meeting’s close', async () => {
    await meeting();
    await save('demo-grid-1', {});
    await approve('demo-admin', { resolutions: [{ ...owner().resolutions[0], procedure: true }] });
    const r = await h.ok<ResolutionView>('demo-admin', 'resolution.get', { resolutionId: resolutionIdFor('mt_minutes', 'it1') });
    expect(r.procedure?.find((s) => s.stage === 'resolve')).toMatchObject({ done: true, due: 4, present: 3, ratioText: '应到4人，实到3人（75%）', quorumText: expect.stringContaining('到会3人') });
  });
  it('points the motion an item came from at its resolution', async () => {
    await h.deps.store.insert('motions', {
      _id: 'mo_express', communityId: 'demo', title: '在东门增设快递柜', body: '建议增设快递柜', source: 'resident', proposerId: member('demo-resident-2'), moverName: '陈志强',
      concernId: null, status: 'decided', meetingId: 'mt_minutes', itemId: 'it1', resolutionId: null, version: 1,
    } as unknown as RecordOf<'motions'>);
    await meeting({ agenda: [{ title: '在东门增设快递柜', status: 'adopted', motionId: 'mo_express', moverName: '陈志强' }] });
    await save('demo-grid-1', {});
    await approve('demo-admin', owner());
    expect(await h.deps.store.get('motions', 'mo_express')).toMatchObject({ resolutionId: resolutionIdFor('mt_minutes', 'it1') });
    const mover = await h.ok<{ items: ResolutionView[] }>('demo-resident-2', 'resolution.list', { when: 'mine' });
    expect(mover.items.map((i) => i.id)).toEqual([resolutionIdFor('mt_minutes', 'it1')]);
  });
});
