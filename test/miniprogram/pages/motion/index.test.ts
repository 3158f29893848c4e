import { fail, fakeBackend, flush, loadPage, ok, render, sent, wxMock, type Replies } from '../../harness';
import type { MotionView } from '../../../../miniprogram/core/council/motion-contract';
import { bj, motion, NOW } from '../council/fixtures';

const pageId = loadPage('pages/motion/index');

async function open(m: MotionView = motion(), replies: Replies = {}) {
  const send = fakeBackend({ 'motion.get': ok(m), ...replies });
  const page = render(pageId);
  page.instance.onLoad({ motionId: m.id });
  await flush();
  return { page, send };
}

const supported = (extra: Partial<MotionView> = {}) =>
  motion({ supports: 39, supportText: '已有39户附议，需50户', supportedByMe: true, supportedByName: '刘阿姨', allowedActions: ['motion.get'], ...extra });

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('a resident opens a motion collecting support', () => {
  it('shows what is proposed, by whom, how far support has got and until when, with no id on screen', async () => {
    const { page, send } = await open();
    expect(sent(send, 'motion.get')[0].data).toEqual({ motionId: 'motion_1' });
    expect(page.text('#title')).toBe('在3号楼北侧加装电动车充电桩');
    expect(page.text('#status')).toBe('征集附议中');
    expect(page.text('#source')).toBe('居民提议');
    expect(page.text('#mover')).toContain('提议人：刘阿姨');
    expect(page.text('#support-text')).toBe('已有38户附议，需50户');
    expect(page.text('#support-when')).toBe('12月20日 18:00截止附议');
    expect(page.text('#body')).toContain('加装12个充电桩');
    expect(page.instance.data.percent).toBe(76);
    expect(page.text()).not.toContain('motion_1');
  });
});

describe('supporting a motion', () => {
  it('takes one tap, sends it once even when tapped twice, and then says 您家已附议 and by whom', async () => {
    let answer: (v: ReturnType<typeof ok<MotionView>>) => void = () => undefined;
    const { page, send } = await open(motion(), { 'motion.support': () => new Promise((r) => (answer = r)) });
    await page.tap('#support');
    await page.tap('#support');
    expect(sent(send, 'motion.support').map((e) => e.data)).toEqual([{ motionId: 'motion_1' }]);
    answer(ok(supported()));
    await flush();
    expect(page.text('#supported')).toBe('您家已附议（刘阿姨），谢谢您的支持');
    expect(page.text('#support-text')).toBe('已有39户附议，需50户');
    expect(page.exists('#support')).toBe(false);
  });

  it('shows the household has supported when a housemate did, with no button', async () => {
    const { page } = await open(supported({ supportedByName: '王某某' }));
    expect(page.text('#supported')).toBe('您家已附议（王某某）');
    expect(page.exists('#support')).toBe(false);
  });

  it('under 一人一次 says 您已附议', async () => {
    const { page } = await open(supported({ supportUnit: 'person', supportText: '已有39人附议，需50人' }));
    expect(page.text('#supported')).toBe('您已附议');
  });

  it('when a housemate was quicker, says so and shows the motion as it now stands', async () => {
    let reads = 0;
    const { page } = await open(motion(), {
      'motion.get': () => ok(reads++ === 0 ? motion() : supported({ supportedByName: '王某某' })),
      'motion.support': fail('CONFLICT', '您家已由王某某附议'),
    });
    await page.tap('#support');
    expect(page.text('#support-error')).toBe('您家已由王某某附议');
    expect(page.text('#supported')).toBe('您家已附议（王某某）');
    expect(page.exists('#support')).toBe(false);
  });

  it('after a lost answer says it may have counted and that trying again does not count twice', async () => {
    const { page } = await open(motion(), { 'motion.support': fail('NETWORK_ERROR') });
    await page.tap('#support');
    expect(page.text('#support-error')).toContain('重复附议不会多算');
    expect(page.exists('#support')).toBe(true);
  });
});

describe('a motion past its threshold and put on a meeting', () => {
  const onMeeting = motion({
    status: 'scheduled',
    statusLabel: '已列入会议议程',
    supports: 52,
    supportText: '已有52户附议，需50户',
    thresholdMetAt: bj(2026, 11, 28, 9, 0),
    allowedActions: ['motion.get'],
    links: {
      concern: { concernId: 'c_9', title: '楼道里给电动车充电很危险', trackingNo: '20261101-0007' },
      meeting: { meetingId: 'meeting_1', title: '第四季度居民会议', startsAt: bj(2026, 12, 9, 9, 0), itemStatusLabel: '待审议' },
      resolution: null,
    },
  });

  it('shows a full bar, when it was met, and links to the concern and the meeting', async () => {
    const { page } = await open(onMeeting);
    expect(page.instance.data.percent).toBe(100);
    expect(page.text('#support-when')).toBe('11月28日附议达标');
    expect(page.text('#link-concern')).toContain('楼道里给电动车充电很危险');
    expect(page.text('#link-concern')).toContain('受理编号 20261101-0007');
    expect(page.text('#link-meeting')).toContain('第四季度居民会议');
    expect(page.text('#link-meeting')).toContain('12月9日 09:00');
    await page.tap('#link-meeting');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/meeting/index?meetingId=meeting_1' });
    await page.tap('#link-concern');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/concern-detail/index?id=c_9' });
  });

  it('once decided, shows the resolution with its progress bar', async () => {
    const { page } = await open(
      motion({
        status: 'decided',
        statusLabel: '会议已表决',
        allowedActions: ['motion.get'],
        links: { concern: null, meeting: null, resolution: { resolutionId: 'resolution_1', title: '加装电动车充电桩', percent: 60, statusLabel: '落实中' } },
      }),
    );
    expect(page.text('#link-resolution')).toContain('落实中');
    expect(page.text('#resolution-percent')).toBe('已完成60%');
    expect(page.instance.data.links).toMatchObject({ resolution: { percent: 60 } });
    await page.tap('#link-resolution');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/resolution/index?resolutionId=resolution_1' });
  });
});

describe('a motion the committee answered without a meeting', () => {
  it('shows how it was answered, the reasons and who answered when', async () => {
    const { page } = await open(
      motion({
        status: 'answered',
        statusLabel: '已答复',
        allowedActions: ['motion.get'],
        answer: { kind: 'referred', label: '转有关部门办理', reason: '充电桩属供电部门审批，已转供电所办理，社区跟进。', at: bj(2026, 12, 1, 15, 0), byName: '王书记' },
      }),
    );
    expect(page.text('#answer-kind')).toBe('转有关部门办理');
    expect(page.text('#answer-reason')).toContain('已转供电所办理');
    expect(page.text('#answer')).toContain('王书记 昨天 15:00答复');
    expect(page.exists('#support')).toBe(false);
  });
});

describe('the motion cannot be read', () => {
  it('shows the message with a retry', async () => {
    const { page } = await open(motion(), { 'motion.get': fail('NOT_FOUND', '没有找到这个议题') });
    expect(page.text('#load-error')).toContain('没有找到这个议题');
    expect(page.text('#load-error')).toContain('重试');
  });
});
