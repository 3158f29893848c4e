import type { ActionName } from '../../../../../miniprogram/core/action-names';
import { fakeBackend, flush, loadPage, ok, render, sent, wxMock } from '../../../harness';

const pageId = loadPage('staff/service-edit/index');

const H = 3600_000;
const bj = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min) - 8 * H;
const NOW = bj(2026, 5, 6, 10);

const grids = ok({
  items: [
    { id: 'g1', name: '第一网格', workerA: { memberId: 'w1', name: '张网格' }, workerB: { memberId: 'w2', name: '刘阿姨' } },
    { id: 'g2', name: '第二网格', workerA: { memberId: 'w3', name: '陈网格' } },
  ],
});

const law = {
  id: 'sv-law',
  name: '法律咨询',
  description: '律师志愿者坐诊',
  location: '社区服务站101室',
  homeVisit: false,
  durationMinutes: 30,
  seatsPerSlot: 2,
  minNoticeHours: 2,
  cancelCutoffHours: 4,
  maxPerMonth: 2,
  gridIds: ['g2'],
  active: true,
  allowedActions: ['booking.service', 'booking.upsertService', 'booking.setSchedule', 'booking.closeSlots'] as ActionName[],
};

async function open(query: Record<string, string>, replies: Parameters<typeof fakeBackend>[0] = {}) {
  const send = fakeBackend({
    'community.grids': grids,
    'booking.service': ok(law),
    'booking.upsertService': (data) => ok({ ...law, ...data, id: (data.serviceId as string | undefined) ?? 'sv-new' }),
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad(query);
  await flush();
  return { page, send };
}

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('an admin creates a service', () => {
  it('sends the fields typed, the grids and the staff ticked, then offers the weekly schedule', async () => {
    const { page, send } = await open({});
    expect(page.exists('#schedule')).toBe(false);
    await page.input('#name', '健康义诊');
    await page.input('#description', '社区卫生服务站医生量血压、测血糖');
    await page.input('#location', '社区卫生服务站');
    await page.input('#duration', '20');
    await page.input('#seats', '3');
    await page.change('#grid-ids', ['g1']);
    await page.change('#staff-ids', ['w2']);
    await page.tap('#save');

    expect(sent(send, 'booking.upsertService')[0].data).toEqual({
      name: '健康义诊',
      description: '社区卫生服务站医生量血压、测血糖',
      location: '社区卫生服务站',
      homeVisit: false,
      active: true,
      durationMinutes: 20,
      seatsPerSlot: 3,
      minNoticeHours: 2,
      cancelCutoffHours: 2,
      maxPerMonth: 4,
      gridIds: ['g1'],
      staffIds: ['w2'],
    });
    expect(page.text('#saved')).toContain('服务已创建');
    expect(page.exists('#schedule')).toBe(true);
  });

  it('shows what is missing next to each field without sending', async () => {
    const { page, send } = await open({});
    await page.input('#name', '诊');
    await page.tap('#save');
    expect(sent(send, 'booking.upsertService')).toHaveLength(0);
    expect(page.text('#name-error')).toBe('服务名称至少需要2个字');
    expect(page.exists('#description-error')).toBe(true);
  });

  it('needs a place unless it is a home visit', async () => {
    const { page, send } = await open({});
    await page.input('#name', '居家助浴');
    await page.input('#description', '上门帮助老人洗澡');
    await page.tap('#save');
    expect(page.text('#location-error')).toBe('请填写服务地点（上门服务除外）');
    await page.change('#home-visit', true);
    await page.tap('#save');
    expect(sent(send, 'booking.upsertService')[0].data).toMatchObject({ homeVisit: true });
  });
});

describe('an admin edits a service', () => {
  it('starts from the saved values and sends the service id back', async () => {
    const { page, send } = await open({ id: 'sv-law' });
    expect(sent(send, 'booking.service')[0].data).toEqual({ serviceId: 'sv-law' });
    expect(page.instance.data.form).toMatchObject({ name: '法律咨询', durationMinutes: '30', maxPerMonth: '2' });
    // The contract does not return the staff yet: the admin is told to tick them again.
    expect(page.exists('#staff-unknown')).toBe(true);
    await page.input('#seats', '4');
    await page.tap('#save');
    expect(sent(send, 'booking.upsertService')[0].data).toMatchObject({ serviceId: 'sv-law', seatsPerSlot: 4, gridIds: ['g2'] });
    expect(page.text('#saved')).toBe('已保存');
  });
});

describe('an admin sets the weekly schedule', () => {
  it('sends the rows as edited and shows how many slots were made', async () => {
    const { page, send } = await open(
      { id: 'sv-law' },
      { 'booking.setSchedule': (data) => ok({ serviceId: 'sv-law', schedule: data.schedule, slotsCreated: 16 }) },
    );
    await page.tap('#add-row');
    expect(page.text('#row-0')).toContain('周一');
    expect(page.text('#row-0')).toContain('共5个时段');
    await page.tap('#add-row');
    await page.change('#weekday-1', 3); // 周四
    await page.change('#start-1', '14:00');
    await page.change('#end-1', '16:00');
    await page.tap('#add-row');
    await page.tap('#remove-2');
    expect(page.count('.schedule-row')).toBe(2);
    await page.tap('#save-schedule');

    expect(sent(send, 'booking.setSchedule')[0].data).toEqual({
      serviceId: 'sv-law',
      schedule: [
        { weekday: 1, start: '09:00', end: '11:30' },
        { weekday: 4, start: '14:00', end: '16:00' },
      ],
    });
    expect(page.text('#schedule-result')).toBe('已保存每周时间，已生成16个时段');
  });

  it('shows a row whose end is before its start under that row, without sending', async () => {
    const { page, send } = await open({ id: 'sv-law' });
    await page.tap('#add-row');
    await page.change('#end-0', '08:00');
    expect(page.text('#row-0')).toContain('结束时间须晚于开始时间');
    await page.tap('#save-schedule');
    expect(sent(send, 'booking.setSchedule')).toHaveLength(0);
    expect(page.text('#row-0 .row-error')).toBe('结束时间须晚于开始时间');
  });
});

describe('an admin closes a period', () => {
  it('confirms, sends whole Beijing days with the reason, and reports what was closed and who was told', async () => {
    const { page, send } = await open({ id: 'sv-law' }, { 'booking.closeSlots': ok({ closed: 6, bookingsCancelled: 4 }) });
    await page.change('#close-from', '2026-05-08');
    await page.change('#close-to', '2026-05-10');
    await page.input('#close-reason', '律师外出培训');
    await page.tap('#close-submit');
    expect((wxMock.showModal.mock.calls[0][0] as { content: string }).content).toContain('2026-05-08 至 2026-05-10');
    expect(sent(send, 'booking.closeSlots')[0].data).toEqual({ serviceId: 'sv-law', from: bj(2026, 5, 8), to: bj(2026, 5, 11), reason: '律师外出培训' });
    expect(page.text('#close-result')).toBe('关闭6个时段，取消4个预约并已通知居民');
  });

  it('needs a reason', async () => {
    const { page, send } = await open({ id: 'sv-law' });
    await page.tap('#close-submit');
    expect(wxMock.showModal).not.toHaveBeenCalled();
    expect(sent(send, 'booking.closeSlots')).toHaveLength(0);
    expect(page.text('#close-reason-error')).toContain('关闭原因');
  });

  it('refuses an end date before the start date', async () => {
    const { page, send } = await open({ id: 'sv-law' });
    await page.change('#close-from', '2026-05-10');
    await page.change('#close-to', '2026-05-08');
    await page.input('#close-reason', '律师外出培训');
    await page.tap('#close-submit');
    expect(sent(send, 'booking.closeSlots')).toHaveLength(0);
    expect(page.text('#close-to-error')).toBe('结束时间须晚于开始时间');
  });
});
