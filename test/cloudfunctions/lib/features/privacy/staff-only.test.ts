/**
 * 下载我的数据 carries only what the resident may see: their own words and what they were
 * told. A concern walked through every staff step — filed for them by phone, noted, chased,
 * whistled to a department that answers late, transferred — leaves no staff-only word in it:
 * not the whistle note, the internal notes, the 代办 reason, the 催办 note, the transfer's
 * reason given to staff, nor the hidden staff names.
 */
import type { ConcernView } from '../../../../../miniprogram/core/concern/contract';
import type { MyData } from '../../../../../miniprogram/core/privacy/contract';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, key, member, type Harness } from '../../../../support/harness';
import { addDepartment, joinAsContact } from '../../../../support/departments';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const DAY = 24 * 3600_000;
const STAFF_ONLY = ['WHISTLE-NOTE-41', 'INTERNAL-NOTE-42', 'FILED-REASON-43', 'URGE-NOTE-44', 'MERGE-NOTE-45', '物业刘经理'];

describe('the privacy export of a resident whose concern staff handled at length', () => {
  it('has their own words and what they were told, and no staff-only field', async () => {
    const found = await h.ok<{ items: Array<{ household?: { id: string } }> }>('demo-grid-1', 'member.find', { buildingId: h.ids['1号楼'], unit: '1', room: '101' });
    const c = await h.ok<ConcernView>('demo-grid-1', 'concern.fileFor', {
      householdId: found.items[0].household?.id, residentId: member('demo-resident-1'), category: 'cat_demo_repair',
      text: '刘阿姨来电：楼梯扶手松了', channel: 'phone', reason: 'FILED-REASON-43 老人不会用手机',
    }, key());
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    await h.ok('demo-grid-1b', 'concern.note', { concernId: c.id, text: 'INTERNAL-NOTE-42 她儿子在外地' });
    await h.ok('demo-leader', 'concern.urge', { concernId: c.id, note: 'URGE-NOTE-44 今天必须上门' });
    const dept = await addDepartment(h, '物业公司');
    await joinAsContact(h, dept, 'dept-contact', '物业刘经理');
    await h.ok('demo-grid-1', 'concern.whistle', { concernId: c.id, departmentId: dept, note: 'WHISTLE-NOTE-41 维修基金已批', replyDays: 1 });
    h.clock.advance(2 * DAY);
    await runSweep(h.deps);
    await h.ok('dept-contact', 'department.answer', { concernId: c.id, text: '明天上午派人更换扶手' });
    const dup = await h.ok<ConcernView>('demo-resident-2', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '1号楼楼梯扶手松了' }, key());
    await h.ok('demo-grid-1', 'concern.merge', { concernId: dup.id, intoId: c.id, reason: 'MERGE-NOTE-45 同一扶手' });
    await h.ok('demo-resident-1', 'concern.supplement', { concernId: c.id, text: '二楼那段最松' });
    await h.ok('demo-grid-1', 'concern.resolve', { concernId: c.id, summary: '扶手已更换' });
    await h.ok('demo-resident-1', 'concern.rate', { concernId: c.id, resolved: true, satisfaction: 5, comment: '谢谢师傅' });

    const data = await h.ok<MyData>('demo-resident-1', 'privacy.export');
    const text = JSON.stringify(data);
    // Their own: the concern, its number, what was done, their rating.
    expect(data.concerns.map((x) => x.number)).toContain(c.number);
    for (const own of ['楼梯扶手松了', '扶手已更换', '谢谢师傅']) expect(text).toContain(own);
    for (const secret of STAFF_ONLY) expect(text).not.toContain(secret);
    for (const field of ['filedBy', 'whistle', 'urges', 'assigneeId', 'firstResponderId', 'authorName', 'internal']) expect(text).not.toContain(`"${field}"`);
    // And the merged resident's export has nothing of the original's staff side either.
    const other = JSON.stringify(await h.ok<MyData>('demo-resident-2', 'privacy.export'));
    for (const secret of STAFF_ONLY) expect(other).not.toContain(secret);
  });
});
