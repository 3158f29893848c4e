import { fail, fakeBackend, flush, loadPage, mediaUrlsReply, ok, render, sent, urlOf, wxMock, type Replies } from '../../harness';
import type { ResolutionView } from '../../../../miniprogram/core/council/resolution-contract';
import { bj, NOW, resolution } from '../council/fixtures';

const pageId = loadPage('pages/resolution/index');

async function open(r: ResolutionView = resolution(), replies: Replies = {}) {
  const send = fakeBackend({ 'resolution.get': ok(r), 'media.urls': mediaUrlsReply(), ...replies });
  const page = render(pageId);
  page.instance.onLoad({ resolutionId: r.id });
  await flush();
  return { page, send };
}

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('a resident follows a resolution being carried out', () => {
  it('shows what was decided, the progress bar, the owner and due date, and the vote it came from', async () => {
    const { page, send } = await open();
    expect(sent(send, 'resolution.get')[0].data).toEqual({ resolutionId: 'resolution_1' });
    expect(page.text('#title')).toBe('加装电动车充电桩');
    expect(page.text('#status')).toBe('落实中');
    expect(page.instance.data.percent).toBe(60);
    expect(page.text('#percent')).toBe('已完成60%');
    expect(page.text('#owner')).toBe('负责人：张建国');
    expect(page.text('#due')).toBe('12月30日前完成');
    expect(page.text('#meeting')).toContain('11月25日 居民会议「幸福里社区2026年第四季度居民会议」通过');
    expect(page.text('#explanation')).toBe('应到250户，到会160户（需>125户）；同意120户（需>80户）→ 通过');
    expect(page.text()).not.toContain('resolution_1');
  });

  it('lists the progress reports newest first, each with its photos', async () => {
    const { page, send } = await open();
    expect(page.text('#progress-0')).toContain('进度 60%');
    expect(page.text('#progress-0')).toContain('底座和线路已施工完成。');
    expect(page.text('#progress-0')).toContain('张建国 昨天 16:20');
    expect(page.text('#progress-1')).toContain('进度 30%');
    expect(sent(send, 'media.urls')[0].data).toEqual({ fileIds: ['cloud://env/uploads/m9/p1.jpg', 'cloud://env/uploads/m9/p2.jpg'] });
    const rows = page.instance.data.progress as Array<{ photos: Array<{ src: string }> }>;
    expect(rows[0].photos.map((p) => p.src)).toEqual([urlOf('cloud://env/uploads/m9/p1.jpg'), urlOf('cloud://env/uploads/m9/p2.jpg')]);
    expect(rows[1].photos).toEqual([]);
  });

  it('leads back to the meeting and the motion it came from', async () => {
    const { page } = await open();
    await page.tap('#meeting');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/meeting/index?meetingId=meeting_1' });
    await page.tap('#motion');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/motion/index?motionId=motion_1' });
  });
});

describe('an overdue resolution', () => {
  it('is marked 超期 with the date it was due', async () => {
    const { page } = await open(resolution({ overdue: true, dueAt: bj(2026, 11, 30, 18, 0) }));
    expect(page.text('#overdue')).toBe('超期');
    expect(page.text('#due')).toBe('已超期（应于11月30日前完成）');
  });
});

describe('a resolution done', () => {
  it('shows a full bar and when it was done', async () => {
    const { page } = await open(resolution({ status: 'done', statusLabel: '已办结', percent: 100, doneAt: bj(2026, 12, 1, 17, 0) }));
    expect(page.instance.data.percent).toBe(100);
    expect(page.text('#percent')).toBe('已完成');
    expect(page.text('#due')).toBe('昨天 17:00办结');
  });
});

describe('a matter under 四议两公开', () => {
  it('shows the stages as steps, each meeting stage with 应到/实到', async () => {
    const stage = (s: Partial<NonNullable<ResolutionView['procedure']>[number]>) => ({
      stage: 'propose' as const,
      label: '党组织提议',
      done: false,
      date: null,
      bodyText: null,
      due: null,
      present: null,
      ratioText: null,
      quorumText: null,
      outcome: null,
      recordedByName: null,
      ...s,
    });
    const { page } = await open(
      resolution({
        procedure: [
          stage({ done: true, date: bj(2026, 11, 10, 9, 0), bodyText: '社区党委', outcome: '提议加装充电桩' }),
          stage({ stage: 'discuss', label: '两委会议商议', done: true, date: bj(2026, 11, 12, 9, 0), bodyText: '两委联席会议', due: 11, present: 9, ratioText: '应到11人，实到9人（81%）', quorumText: '已达法定人数', outcome: '同意提交党员大会' }),
          stage({ stage: 'review', label: '党员大会审议' }),
        ],
      }),
    );
    expect(page.text('#stage-0')).toContain('党组织提议');
    expect(page.text('#stage-0')).toContain('11月10日 社区党委');
    expect(page.text('#stage-1')).toContain('应到11人，实到9人（81%）');
    expect(page.text('#stage-1')).toContain('已达法定人数');
    expect(page.text('#stage-2')).toContain('党员大会审议（未进行）');
    expect(page.instance.data.stages).toMatchObject([{ done: true }, { done: true }, { done: false }]);
  });

  it('shows no step list for a matter without it', async () => {
    const { page } = await open();
    expect(page.exists('#stages')).toBe(false);
  });
});

describe('a resident whose own concern led to it', () => {
  it('sees that concern and can open it', async () => {
    const { page } = await open(resolution({ concerns: [{ concernId: 'c_9', title: '楼道里给电动车充电很危险' }] }));
    expect(page.text('#concern-0')).toContain('我反映的诉求');
    await page.tap('#concern-0');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/concern-detail/index?id=c_9' });
  });
});

describe('the resolution cannot be read', () => {
  it('shows the message with a retry', async () => {
    const { page } = await open(resolution(), { 'resolution.get': fail('NOT_FOUND', '没有找到这项决议') });
    expect(page.text('#error')).toContain('没有找到这项决议');
  });
});
