import { fail, fakeBackend, flush, loadPage, ok, render, sent, wxMock, type Replies } from '../../harness';
import { motion, settings } from '../council/fixtures';

const pageId = loadPage('pages/motion-propose/index');

async function open(replies: Replies = {}) {
  const send = fakeBackend({ 'motion.settings': ok(settings()), 'motion.propose': ok(motion({ id: 'motion_new' })), ...replies });
  const page = render(pageId);
  page.instance.onLoad();
  await flush();
  return { page, send };
}

beforeEach(() => jest.clearAllMocks());

describe('a resident opens the propose form', () => {
  it('says before anything is sent that their name is shown and what support it needs in how many days', async () => {
    const { page } = await open();
    expect(page.text('#public-note')).toContain('您的姓名会公开显示在议题上');
    expect(page.text('#rule')).toContain('提出后须在30天内得到本社区五分之一以上户附议，才会列入会议议程');
    expect(page.text('#rule')).toContain('社区在15天内安排上会');
  });

  it('words a fixed count and a longer period as the community set them', async () => {
    const { page } = await open({ 'motion.settings': ok(settings({ threshold: { kind: 'count', count: 20 }, thresholdText: '20户以上附议', supportDays: 45 })) });
    expect(page.text('#rule')).toContain('提出后须在45天内得到20户以上附议');
  });
});

describe('proposing', () => {
  it('sends the title and text under an idempotency key and opens the new motion', async () => {
    const { page, send } = await open();
    await page.input('#title', '在3号楼北侧加装电动车充电桩');
    await page.input('#body', '电动车只能拉线到楼道充电，很危险，建议加装充电桩。');
    await page.tap('#submit');
    const events = sent(send, 'motion.propose');
    expect(events.map((e) => e.data)).toEqual([{ title: '在3号楼北侧加装电动车充电桩', body: '电动车只能拉线到楼道充电，很危险，建议加装充电桩。', buildingIds: [] }]);
    expect(events[0].idempotencyKey).toEqual(expect.any(String));
    expect(wxMock.redirectTo).toHaveBeenCalledWith({ url: '/pages/motion/index?motionId=motion_new' });
  });
});

describe('submitting with too little written', () => {
  it('shows each refusal under its field, counts them by the button, and sends nothing', async () => {
    const { page, send } = await open();
    await page.input('#title', '充电');
    await page.tap('#submit');
    expect(page.text('#title-error')).toBe('议题标题至少需要4个字');
    expect(page.text('#body-error')).toBe('请写下议题内容：想办什么事、为什么');
    expect(page.text('#form-count')).toBe('还有2项需要填写');
    expect(sent(send, 'motion.propose')).toHaveLength(0);
    await page.input('#title', '加装充电桩吧');
    expect(page.exists('#title-error')).toBe(false);
  });

  it('shows a word the content check refused under the field it names', async () => {
    const { page } = await open({
      'motion.propose': fail('CONTENT_REJECTED', '议题内容含有不允许的内容', { issues: [{ path: 'body', message: '议题内容含有不允许的内容，请修改' }] }),
    });
    await page.input('#title', '在3号楼北侧加装电动车充电桩');
    await page.input('#body', '这里写的是一段会被内容检查拒绝的文字。');
    await page.tap('#submit');
    expect(page.text('#body-error')).toBe('议题内容含有不允许的内容，请修改');
    expect(page.exists('#title-error')).toBe(false);
    expect(page.exists('#form-error')).toBe(false);
    expect(wxMock.redirectTo).not.toHaveBeenCalled();
  });
});

describe('someone who may not propose', () => {
  it('is told to bind first and sees no form', async () => {
    const { page } = await open({ 'motion.settings': ok(settings({ allowedActions: ['motion.list'] })) });
    expect(page.text('#cannot')).toContain('绑定住户后才能提议题');
    expect(page.exists('#submit')).toBe(false);
  });
});
