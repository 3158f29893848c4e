/**
 * Staff hear about new, late and 督办 items on WeChat too: the same outbox, the same consent
 * balance per template (staffTask), allowed at a tap on the workbench or the contact's page.
 */
import type { ConcernView } from '../../../../../miniprogram/core/concern/contract';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, key, type Harness } from '../../../../support/harness';
import { addDepartment, joinAsContact } from '../../../../support/departments';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const STAFF_TEMPLATE = 'demo-tmpl-staff-task';

const submit = () => h.ok<ConcernView>('demo-resident-1', 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text: '楼道灯坏了，晚上很黑' }, key());
const pushedTo = (openid: string) => h.deps.sender.delivered.filter((m) => m.openid === openid && m.templateId === STAFF_TEMPLATE);
const allow = (openid: string) => h.ok<{ balances: Record<string, number> }>(openid, 'notify.recordConsent', { results: { staffTask: 'accept' } });

describe('the workbench asks for the staff template at a tap', () => {
  it('offers staffTask at the staff moment', async () => {
    const t = await h.ok<{ templates: Array<{ key: string; templateId: string }> }>('demo-grid-1', 'notify.templates', { moment: 'staff.tasks' });
    expect(t.templates).toEqual([{ key: 'staffTask', templateId: STAFF_TEMPLATE }]);
    expect((await allow('demo-grid-1')).balances).toEqual({ staffTask: 1 });
  });
});

describe('a grid worker who allowed the staff template is pushed new items', () => {
  it('pushes the dispatch of a new concern to its grid worker', async () => {
    // What waited before the consent (the seed's binding request) goes out in-app only first.
    await runSweep(h.deps);
    await allow('demo-grid-1');
    const c = await submit();
    await runSweep(h.deps);
    const [m] = pushedTo('demo-grid-1');
    expect(m).toBeDefined();
    expect(m.page).toBe(`/staff/concern/index?id=${c.id}`);
    expect(m.data.thing1.value).toContain('新诉求待签收');
  });
  it('pushes nothing to a worker who never allowed it, and the message stays in the inbox', async () => {
    await submit();
    await runSweep(h.deps);
    expect(pushedTo('demo-grid-1')).toHaveLength(0);
    const inbox = await h.ok<{ items: Array<{ title: string }> }>('demo-grid-1', 'notify.inbox', {});
    expect(inbox.items.map((i) => i.title)).toContain('新诉求待签收：设施维修');
  });
});

describe('escalations and 催办 are pushed within the balance', () => {
  it('pushes the grid leader an escalated item and the handler an urge, then nothing once used up', async () => {
    const c = await submit();
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    await runSweep(h.deps);
    // The demo's own unsigned items reach the leader in the same sweep: he allowed enough.
    for (let i = 0; i < 5; i += 1) await allow('demo-leader');
    await allow('demo-grid-1');
    h.clock.advance(7 * DAY + HOUR);
    await runSweep(h.deps);
    expect(pushedTo('demo-leader').map((m) => m.data.thing1.value).join()).toContain('督办');
    await h.ok('demo-leader', 'concern.urge', { concernId: c.id, note: '请尽快处理，居民很着急' });
    await runSweep(h.deps);
    const handler = pushedTo('demo-grid-1');
    expect(handler).toHaveLength(1);
    // The one accept is spent: a second urge four hours later reaches the inbox only.
    h.clock.advance(5 * HOUR);
    await h.ok('demo-leader', 'concern.urge', { concernId: c.id, note: '再次催办，请今天办结' });
    await runSweep(h.deps);
    expect(pushedTo('demo-grid-1')).toHaveLength(1);
    const inbox = await h.ok<{ items: Array<{ kind: string }> }>('demo-grid-1', 'notify.inbox', {});
    expect(inbox.items.filter((i) => i.kind === 'concern.urged')).toHaveLength(2);
  });
});

describe('a department contact and the handler are pushed the coordination', () => {
  it('pushes the request to the contact and the answer to the handler', async () => {
    const c = await submit();
    await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
    const departmentId = await addDepartment(h, '物业公司');
    await joinAsContact(h, departmentId, 'push-dept-contact');
    await runSweep(h.deps);
    await allow('push-dept-contact');
    await allow('demo-grid-1');
    await h.ok('demo-grid-1', 'concern.whistle', { concernId: c.id, departmentId, note: '门禁由物业维护，请派人维修' });
    await runSweep(h.deps);
    expect(pushedTo('push-dept-contact')[0]?.page).toBe(`/staff/department/request?id=${c.id}`);
    await h.ok('push-dept-contact', 'department.answer', { concernId: c.id, text: '已派维修工今天下午上门更换' });
    await runSweep(h.deps);
    expect(pushedTo('demo-grid-1')).toHaveLength(1);
  });
});
