/**
 * Departments as parties of 吹哨报到, as their people live it: the admin keeps the directory
 * and gives a unit's contact a join code; a whistle to the unit tells the contact, who sees
 * exactly what was whistled to them (no resident's name; the phone only when shared) and
 * answers it; a silent unit is chased, escalated and at last let go with a recorded step.
 */
import type { ConcernView } from '../../../../../miniprogram/core/concern/contract';
import type { DepartmentRequestSummary, DepartmentRequestView, DepartmentView } from '../../../../../miniprogram/core/department/contract';
import type { MeView } from '../../../../../miniprogram/core/member/contract';
import type { Envelope } from '../../../../../miniprogram/core/envelope';
import { runSweep } from '../../../../../cloudfunctions/lib/sweep/run-sweep';
import { createHarness, key, member, type Harness } from '../../../../support/harness';
import { addDepartment, joinAsContact } from '../../../../support/departments';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const CONTACT = 'dept-contact-1';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

async function accepted(text = '1号楼单元门禁坏了，外人随便进出。', who = 'demo-resident-1'): Promise<ConcernView> {
  const c = await h.ok<ConcernView>(who, 'concern.submit', { category: 'cat_demo_repair', buildingId: h.ids['1号楼'], text }, key());
  await h.ok('demo-grid-1', 'concern.accept', { concernId: c.id });
  return c;
}
const whistle = (concernId: string, departmentId: string, extra: Record<string, unknown> = {}) =>
  h.ok<ConcernView>('demo-grid-1', 'concern.whistle', { concernId, departmentId, note: '门禁系统由物业维护，请派人维修', replyDays: 2, ...extra });
const directory = async (who = 'demo-admin') => (await h.ok<{ items: DepartmentView[] }>(who, 'department.list', {})).items;
const queue = async (who = CONTACT) => (await h.ok<{ items: DepartmentRequestSummary[] }>(who, 'department.queue', {})).items;
const inbox = async (recipientId: string) =>
  (await h.deps.store.query<{ _id: string; title: string; page?: string }>('inbox', {
    where: { communityId: 'demo', recipientId },
    orderBy: { field: 'createdAt', dir: 'desc' },
    limit: 50,
  })).items;
const titles = async (recipientId: string) => (await inbox(recipientId)).map((m) => m.title);
const clocks = async () => (await runSweep(h.deps)).jobs.concernClocks as Record<string, number>;
function issues(res: Envelope<unknown>): string[] {
  if (res.ok) throw new Error('expected a refusal');
  return ((res.error.details as { issues?: Array<{ path: string }> } | undefined)?.issues ?? []).map((i) => i.path);
}

describe('a department contact joins by a code', () => {
  it('becomes the contact, shown to the admin by name, and the code is used up', async () => {
    const dept = await addDepartment(h, '物业公司');
    const { code } = await h.ok<{ code: string }>('demo-admin', 'department.issueCode', { departmentId: dept });
    await h.ok(CONTACT, 'department.redeemCode', { code, name: '物业刘经理' });
    expect((await h.ok<MeView>(CONTACT, 'member.me')).roles).toEqual(['department']);
    expect((await directory()).find((d) => d.id === dept)).toMatchObject({ contact: { name: '物业刘经理' }, hasContact: true });
    const again = await h.call('dept-contact-2', 'department.redeemCode', { code, name: '另一人' });
    expect(again).toMatchObject({ ok: false, error: { code: 'INVITE_INVALID' } });
  });

  it('refuses a name the check rejects and keeps the code unused; a member of another community is told so', async () => {
    const dept = await addDepartment(h, '物业公司');
    const { code } = await h.ok<{ code: string }>('demo-admin', 'department.issueCode', { departmentId: dept });
    expect(await h.call(CONTACT, 'department.redeemCode', { code, name: '赌博大王' })).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } });
    expect(await h.call('other-admin', 'department.redeemCode', { code, name: '光明社区主任' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await h.ok(CONTACT, 'department.redeemCode', { code, name: '物业刘经理' });
    expect((await directory()).find((d) => d.id === dept)).toMatchObject({ contact: { name: '物业刘经理' } });
  });

  it('refuses an expired code', async () => {
    const dept = await addDepartment(h, '物业公司');
    const { code } = await h.ok<{ code: string }>('demo-admin', 'department.issueCode', { departmentId: dept, validDays: 1 });
    h.clock.advance(DAY + 1);
    expect(await h.call(CONTACT, 'department.redeemCode', { code, name: '物业刘经理' })).toMatchObject({ ok: false, error: { code: 'INVITE_INVALID' } });
    expect((await h.ok<MeView>(CONTACT, 'member.me')).roles).toEqual(['visitor']);
  });

  it('is replaced by whoever redeems a new code, and removed by the admin', async () => {
    const dept = await addDepartment(h, '物业公司');
    await joinAsContact(h, dept, CONTACT);
    await joinAsContact(h, dept, 'dept-contact-2', '物业王主管');
    expect((await h.ok<MeView>(CONTACT, 'member.me')).roles).toEqual(['visitor']);
    expect((await directory()).find((d) => d.id === dept)?.contact?.name).toBe('物业王主管');
    const removed = await h.ok<DepartmentView>('demo-admin', 'department.removeContact', { departmentId: dept });
    expect(removed.contact).toBeUndefined();
    expect(await h.call('dept-contact-2', 'department.queue', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const audit = await h.deps.store.query<{ _id: string; type: string }>('events', { where: { communityId: 'demo', subject: `department:${dept}` }, orderBy: { field: 'at', dir: 'asc' }, limit: 20 });
    expect(audit.items.map((e) => e.type)).toEqual(expect.arrayContaining(['department.contactJoined', 'department.contactReplaced', 'department.contactRemoved']));
  });

  it('cannot be granted through the role form', async () => {
    const res = await h.call('demo-admin', 'member.setRoles', { memberId: member('demo-volunteer-1'), roles: ['volunteer', 'department'] });
    expect(issues(res)).toEqual(['roles']);
  });
});

describe('a whistle to a directory entry', () => {
  it('tells the contact, opening their page, and keeps the entry on the concern', async () => {
    const dept = await addDepartment(h, '物业公司');
    await joinAsContact(h, dept, CONTACT);
    const c = await accepted();
    const whistled = await whistle(c.id, dept);
    expect(whistled).toMatchObject({ status: 'coordinating', whistle: { department: '物业公司' } });
    const [notice] = await inbox(member(CONTACT));
    expect(notice).toMatchObject({ title: '协办请求：设施维修（1号楼）', page: `/staff/department/request?id=${c.id}` });
  });
});

describe('the contact sees exactly what was whistled to their department', () => {
  it('lists only their items, without the resident’s name, and the phone only when shared', async () => {
    const property = await addDepartment(h, '物业公司');
    const city = await addDepartment(h, '街道城管科', { kind: 'cityManagement' });
    await joinAsContact(h, property, CONTACT);
    await h.ok('demo-resident-1', 'privacy.setPhone', { code: 'demo-13800138000' });
    const mine = await accepted();
    const other = await accepted('1号楼门口夜间施工噪音很大，影响休息。');
    await whistle(mine.id, property);
    await whistle(other.id, city);
    expect((await queue()).map((i) => i.concernId)).toEqual([mine.id]);
    expect(await h.call(CONTACT, 'department.request', { concernId: other.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await h.call(CONTACT, 'concern.get', { concernId: mine.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const seen = await h.ok<DepartmentRequestView>(CONTACT, 'department.request', { concernId: mine.id });
    expect(seen).toMatchObject({ text: '1号楼单元门禁坏了，外人随便进出。', buildingName: '1号楼', ask: '门禁系统由物业维护，请派人维修', communityName: '幸福里社区', handlerName: '李秀英', open: true });
    expect(seen.residentPhone).toBeUndefined();
    expect(JSON.stringify(seen)).not.toContain('刘阿姨');
    expect(JSON.stringify(seen)).not.toContain(member('demo-resident-1'));

    const shared = await accepted('1号楼电梯经常停运，老人上下楼困难。');
    await whistle(shared.id, property, { sharePhone: true });
    expect((await h.ok<DepartmentRequestView>(CONTACT, 'department.request', { concernId: shared.id })).residentPhone).toBe('13800138000');
  });

  it('answers in their own view: the concern resumes, the handler is told and the resident sees the answer', async () => {
    const dept = await addDepartment(h, '物业公司');
    await joinAsContact(h, dept, CONTACT);
    const c = await accepted();
    await whistle(c.id, dept);
    h.clock.advance(HOUR);
    const answered = await h.ok<DepartmentRequestView>(CONTACT, 'department.answer', { concernId: c.id, text: '已更换门禁控制器，恢复正常' });
    expect(answered).toMatchObject({ open: false, allowedActions: [], answers: [{ text: '已更换门禁控制器，恢复正常' }], ask: '门禁系统由物业维护，请派人维修' });
    const staff = await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: c.id });
    expect(staff.status).toBe('accepted');
    expect(staff.resolveDueAt).toBe(c.resolveDueAt + HOUR);
    expect(await titles(member('demo-grid-1'))).toContain(`物业公司已回复：诉求 ${c.number}`);
    const resident = await h.ok<ConcernView>('demo-resident-1', 'concern.get', { concernId: c.id });
    const step = resident.timeline.find((e) => e.type === 'concern.reportedBack');
    expect(step).toEqual({ type: 'concern.reportedBack', label: '部门已回复', at: h.clock.now(), note: '物业公司：已更换门禁控制器，恢复正常' });
    expect(resident.timeline.find((e) => e.type === 'concern.whistled')?.note).toBe('已请物业公司协同处理');
    expect(await queue()).toMatchObject([{ concernId: c.id, open: false }]);
    expect(await h.call(CONTACT, 'department.answer', { concernId: c.id, text: '再说一次' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('lists open requests first, then answered ones', async () => {
    const dept = await addDepartment(h, '物业公司');
    await joinAsContact(h, dept, CONTACT);
    const first = await accepted();
    const second = await accepted('1号楼电梯经常停运，老人上下楼困难。');
    await whistle(first.id, dept);
    await whistle(second.id, dept);
    await h.ok(CONTACT, 'department.answer', { concernId: first.id, text: '已处理完毕' });
    const page1 = await h.ok<{ items: DepartmentRequestSummary[]; next?: string }>(CONTACT, 'department.queue', { limit: 1 });
    expect(page1.items.map((i) => [i.concernId, i.open])).toEqual([[second.id, true]]);
    const page2 = await h.ok<{ items: DepartmentRequestSummary[]; next?: string }>(CONTACT, 'department.queue', { limit: 1, cursor: page1.next });
    expect(page2.items.map((i) => [i.concernId, i.open])).toEqual([[first.id, false]]);
  });
});

describe('a silent department', () => {
  it('is chased, escalated to the grid leader and the admins, and the coordination then ends with a recorded step', async () => {
    const dept = await addDepartment(h, '物业公司');
    await joinAsContact(h, dept, CONTACT);
    const c = await accepted();
    await whistle(c.id, dept, { replyDays: 1 });
    h.clock.advance(DAY + 1);
    expect(await clocks()).toMatchObject({ chased: 1, escalated: 0, lapsed: 0 });
    expect(await titles(member(CONTACT))).toContain(`催办：协办请求已超期（${c.number}）`);
    expect(await titles(member('demo-grid-1'))).toContain(`诉求 ${c.number} 协办部门未按时回复`);
    expect(await clocks()).toMatchObject({ chased: 0, escalated: 0 });

    // (The seeded unsigned concerns escalate on their own meanwhile: count by who was told.)
    h.clock.advance(DAY);
    await clocks();
    expect(await titles(member('demo-leader'))).toContain(`督办：物业公司逾期未回复（诉求 ${c.number}）`);
    expect(await titles('admins:demo')).not.toContain(`督办：物业公司逾期未回复（诉求 ${c.number}）`);
    h.clock.advance(DAY);
    await clocks();
    expect(await titles('admins:demo')).toContain(`督办：物业公司逾期未回复（诉求 ${c.number}）`);

    h.clock.advance(DAY);
    expect(await clocks()).toMatchObject({ lapsed: 1 });
    const resident = await h.ok<ConcernView>('demo-resident-1', 'concern.get', { concernId: c.id });
    expect(resident.status).toBe('accepted');
    expect(resident.whistle).toBeUndefined();
    expect(resident.timeline.at(-1)).toMatchObject({ label: '部门逾期未回复，已恢复办理', note: '物业公司逾期未回复，已恢复办理' });
    expect(await titles(member('demo-grid-1'))).toContain(`诉求 ${c.number}：物业公司逾期未回复`);
    expect((await h.ok<DepartmentRequestView>(CONTACT, 'department.request', { concernId: c.id })).allowedActions).toEqual([]);
    expect(await clocks()).toMatchObject({ lapsed: 0, chased: 0 });
  });
});

describe('a department shared in the subdistrict', () => {
  it('is visible to another community of the same subdistrict but edited only where it was made', async () => {
    await h.ok('other-admin', 'community.update', { name: '光明社区', subdistrict: '和平街道' });
    const shared = await addDepartment(h, '和平街道城管科', { kind: 'cityManagement', shared: true });
    const own = await addDepartment(h, '幸福里物业', { kind: 'property' });
    const seen = await directory('other-admin');
    expect(seen.map((d) => d.id)).toEqual([shared]);
    expect(seen[0]).toMatchObject({ name: '和平街道城管科', shared: true, ownerName: '幸福里社区', allowedActions: [] });
    expect(seen[0].contact).toBeUndefined();
    expect(own).toBeDefined();
    const edit = await h.call('other-admin', 'department.upsert', { departmentId: shared, name: '改名', kind: 'other' }, key());
    expect(edit).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await h.call('other-admin', 'department.issueCode', { departmentId: shared })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    await h.ok('other-admin', 'community.update', { name: '光明社区', subdistrict: '幸福街道' });
    expect(await directory('other-admin')).toEqual([]);
  });
});

describe('the contact of a department another community shares', () => {
  it('receives, reads and answers a whistle from this community', async () => {
    await h.ok('other-admin', 'community.update', { name: '光明社区', subdistrict: '和平街道' });
    const police = await addDepartment(h, '和平派出所', { kind: 'police', shared: true, admin: 'other-admin' });
    await joinAsContact(h, police, 'police-contact', '张警官', 'other-admin');
    const c = await accepted();
    await whistle(c.id, police);
    expect(await queue('police-contact')).toMatchObject([{ concernId: c.id, communityName: '幸福里社区', open: true }]);
    await h.ok('police-contact', 'department.answer', { concernId: c.id, text: '已安排民警巡查' });
    expect((await h.ok<ConcernView>('demo-grid-1', 'concern.get', { concernId: c.id })).status).toBe('accepted');
  });
});

describe('bad input', () => {
  it('names the field', async () => {
    expect(issues(await h.call('demo-admin', 'department.upsert', { name: '', kind: 'property' }, key()))).toEqual(['name']);
    expect(issues(await h.call('demo-admin', 'department.upsert', { name: '物业公司', kind: 'bank' }, key()))).toEqual(['kind']);
    expect(issues(await h.call('demo-admin', 'department.upsert', { name: '物业公司', kind: 'property', phone: '打我电话' }, key()))).toEqual(['phone']);
    expect(issues(await h.call(CONTACT, 'department.redeemCode', { code: '12', name: '刘' }))).toEqual(['code']);
    const c = await accepted();
    expect(issues(await h.call('demo-grid-1', 'concern.whistle', { concernId: c.id, departmentId: 'dp_missing', note: '请协助' }))).toEqual(['departmentId']);
    const off = await addDepartment(h, '旧物业');
    await h.ok('demo-admin', 'department.upsert', { departmentId: off, name: '旧物业', kind: 'property', active: false }, key());
    expect(issues(await h.call('demo-grid-1', 'concern.whistle', { concernId: c.id, departmentId: off, note: '请协助' }))).toEqual(['departmentId']);
    expect(issues(await h.call('demo-grid-1', 'concern.whistle', { concernId: c.id, department: '物业公司', note: '请协助' }))).toContain('departmentId');
  });
});
