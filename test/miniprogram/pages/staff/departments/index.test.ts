import type { DepartmentView } from '../../../../../miniprogram/core/department/contract';
import { fakeBackend, fail, flush, loadPage, ok, render, sent, wxMock } from '../../../harness';

const pageId = loadPage('staff/departments/index');

const own: DepartmentView = {
  id: 'dp-1', name: '幸福里物业', kind: 'property', kindLabel: '物业公司', phone: '010-12345678', active: true, shared: false,
  hasContact: true, contact: { name: '物业刘经理', since: 0 }, allowedActions: ['department.upsert', 'department.issueCode', 'department.removeContact'],
};
const shared: DepartmentView = {
  id: 'dp-2', name: '和平街道城管科', kind: 'cityManagement', kindLabel: '城管', active: true, shared: true, ownerName: '光明社区', hasContact: true, allowedActions: [],
};

async function open(replies: Parameters<typeof fakeBackend>[0] = {}) {
  const send = fakeBackend({ 'department.list': ok({ items: [own, shared], truncated: false }), ...replies });
  const page = render(pageId);
  page.instance.onLoad();
  await flush();
  return { page, send };
}

beforeEach(() => jest.clearAllMocks());

describe('the admin opens the directory', () => {
  it('lists the units with their contact by name, and a shared one from another community without edit buttons', async () => {
    const { page } = await open();
    expect(page.text('#dept-dp-1')).toContain('联系人：物业刘经理');
    expect(page.text('#dept-dp-1')).toContain('010-12345678');
    expect(page.text('#dept-dp-2')).toContain('光明社区共享');
    expect(page.count('#dept-dp-2 .edit')).toBe(0);
    expect(page.text()).not.toContain('dp-1');
  });

  it('says what the directory is for when it is empty', async () => {
    const { page } = await open({ 'department.list': ok({ items: [], truncated: false }) });
    expect(page.text('#empty')).toContain('网格员吹哨时从这里选');
  });

  it('shows the error and a retry when the list fails', async () => {
    const { page } = await open({ 'department.list': fail('INTERNAL', '服务暂时不可用') });
    expect(page.text('#error')).toContain('服务暂时不可用');
  });
});

describe('adding a unit', () => {
  it('sends name, kind, phone and sharing, then reloads', async () => {
    const { page, send } = await open({ 'department.upsert': ok({ ...own, id: 'dp-3', name: '和平派出所' }) });
    await page.tap('#add');
    await page.input('#dept-name', '和平派出所');
    await page.change('#dept-kind', '2');
    await page.input('#dept-phone', '110');
    await page.trigger('#dept-shared', 'change', { value: true });
    await page.tap('#edit-save');
    expect(sent(send, 'department.upsert')[0].data).toEqual({ name: '和平派出所', kind: 'police', phone: '110', shared: true, active: true });
    expect(sent(send, 'department.list')).toHaveLength(2);
  });

  it('shows the field’s message under the field', async () => {
    const { page, send } = await open();
    await page.tap('#add');
    await page.tap('#edit-save');
    expect(page.text('#name-error')).toBe('部门名称至少需要2个字');
    expect(sent(send, 'department.upsert')).toHaveLength(0);
  });
});

describe('giving a unit its contact', () => {
  it('shows the issued code once, to hand over', async () => {
    const { page } = await open({ 'department.issueCode': ok({ code: 'ABCD2345', expiresAt: Date.UTC(2026, 4, 8, 4), departmentName: '幸福里物业' }) });
    await page.tap('#dept-dp-1 .issue');
    expect(page.text('#issued-code')).toBe('ABCD2345');
    expect(page.text('#issued')).toContain('只能用一次');
  });

  it('removes the contact after a confirmation', async () => {
    const { page, send } = await open({ 'department.removeContact': ok({ ...own, contact: undefined, allowedActions: ['department.upsert', 'department.issueCode'] }) });
    wxMock.showModal.mockImplementation((o: { success?: (r: { confirm: boolean }) => void }) => o.success?.({ confirm: true }));
    await page.tap('#dept-dp-1 .remove');
    await flush();
    expect(sent(send, 'department.removeContact')[0].data).toEqual({ departmentId: 'dp-1' });
  });
});
