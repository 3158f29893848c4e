/**
 * 今日待办's binding rows: a resident's binding request is on the list of its building's grid
 * worker and the admins, with how long it waited and one-tap 通过; not on the other grid's.
 */
import type { BindingRequestView } from '../../../../../miniprogram/core/member/contract';
import type { TodayView } from '../../../../../miniprogram/core/workbench/contract';
import { DAY } from '../../../../../cloudfunctions/lib/kernel/time';
import { createHarness, key, type Harness } from '../../../../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const today = (openid: string) => h.ok<TodayView>(openid, 'workbench.today', {});
const address = () => ({ communityId: 'demo', buildingId: h.ids['2号楼'], unit: '4', room: '401', name: '周大爷' });

describe('a binding request waits on its grid’s worker', () => {
  it('says when it came, offers 通过, and is not on the other grid’s list', async () => {
    const req = await h.ok<BindingRequestView>('applicant', 'member.requestBinding', address(), key());
    const fresh = (await today('demo-grid-1')).rows.find((r) => r.key === `binding:${req.id}`);
    expect(fresh).toMatchObject({ kindLabel: '绑定审核', title: '周大爷 申请绑定 2号楼 4单元 401室', reason: '今天提交，待审核', overdue: false });
    expect(fresh?.act).toEqual({ label: '通过', action: 'member.reviewRequest', input: { requestId: req.id, decision: 'approve' } });
    expect(fresh?.open.page).toBe('/staff/workbench/index?tab=requests');
    expect((await today('demo-grid-2')).rows.map((r) => r.key)).not.toContain(`binding:${req.id}`);
    h.clock.set(h.clock.now() + 3 * DAY);
    expect((await today('demo-admin')).rows.find((r) => r.key === `binding:${req.id}`)?.reason).toBe('已等待3天');
  });
  it('leaves the list once approved', async () => {
    const req = await h.ok<BindingRequestView>('applicant', 'member.requestBinding', address(), key());
    await h.ok('demo-grid-1', 'member.reviewRequest', { requestId: req.id, decision: 'approve' });
    expect((await today('demo-grid-1')).rows.map((r) => r.key)).not.toContain(`binding:${req.id}`);
  });
});
