/**
 * 今日待办's proxy rows: a paper 委托书 recorded by one staff member is on the list of the other
 * meeting staff, with one-tap 复核通过; not on the recorder's, nor on another grid's worker's.
 */
import type { ProxyView } from '../../../../../miniprogram/core/council/meeting-contract';
import type { TodayView } from '../../../../../miniprogram/core/workbench/contract';
import type { MeetingRecord } from '../../../../../cloudfunctions/lib/features/meeting/records';
import { createHarness, key, member, type Harness } from '../../../../support/harness';
import { addNeighbours, P, paperPhoto, seedMeeting, unitKeyOf } from '../../../../support/meeting-votes';

let h: Harness;
let m: MeetingRecord;
beforeEach(async () => {
  h = await createHarness({ rateLimits: {} });
  await addNeighbours(h);
  m = await seedMeeting(h);
});
afterEach(() => h.close());

const today = (openid: string) => h.ok<TodayView>(openid, 'workbench.today', {});

async function recorded(): Promise<ProxyView> {
  const photo = await paperPhoto(h, 'demo-grid-1');
  return h.ok<ProxyView>('demo-grid-1', 'meeting.recordPaperProxy', { meetingId: m._id, principalUnitKey: await unitKeyOf(h, P.d), agentMemberId: member(P.c), photo });
}

describe('a paper 委托书 waits on a second member of the meeting staff', () => {
  it('is on the admin’s list with the meeting’s time and 复核通过; not on the recorder’s or the other grid’s', async () => {
    const p = await recorded();
    const row = (await today('demo-admin')).rows.find((r) => r.key === `proxy:${p.proxyId}`);
    expect(row).toMatchObject({
      kindLabel: '委托确认',
      title: '「2号楼居民协商会」2号楼 5单元 504室（邻某） 委托 邻居4号',
      reason: '纸质委托书待复核（李秀英登记），会议今天 10:30',
      dueAt: m.startsAt,
      overdue: false,
      open: { label: '查看', page: `/staff/meeting-run/index?meetingId=${m._id}` },
      act: { label: '复核通过', action: 'meeting.confirmProxy', input: { proxyId: p.proxyId } },
    });
    expect((await today('demo-grid-1')).rows.map((r) => r.key)).not.toContain(`proxy:${p.proxyId}`);
    expect((await today('demo-grid-2')).rows.map((r) => r.key)).not.toContain(`proxy:${p.proxyId}`);
  });
  it('leaves the list once confirmed through its one-tap action', async () => {
    const p = await recorded();
    const row = (await today('demo-admin')).rows.find((r) => r.key === `proxy:${p.proxyId}`)!;
    await h.ok('demo-admin', row.act!.action, row.act!.input, key());
    expect((await today('demo-admin')).rows.map((r) => r.key)).not.toContain(`proxy:${p.proxyId}`);
  });
});
