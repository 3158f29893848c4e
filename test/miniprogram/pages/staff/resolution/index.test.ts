import { fail, fakeBackend, flush, loadPage, meReply, ok, render, sent, type Replies } from '../../../harness';
import type { ActionName } from '../../../../../miniprogram/core/action-names';
import type { ProcedureStageView } from '../../../../../miniprogram/core/council/resolution-contract';
import { PROCEDURE_STAGE_LABELS, PROCEDURE_STAGES } from '../../../../../miniprogram/core/council/vocabulary';
import { bj, NOW, resolution } from '../council-fixtures';

const pageId = loadPage('staff/resolution/index');

const stages = (done: number): ProcedureStageView[] =>
  PROCEDURE_STAGES.map((stage, i) => ({
    stage,
    label: PROCEDURE_STAGE_LABELS[stage],
    done: i < done,
    date: i < done ? bj(2026, 11, 10 + i) : null,
    bodyText: i < done ? '社区党委' : null,
    due: null,
    present: null,
    ratioText: null,
    quorumText: null,
    outcome: i < done ? '同意提交两委会议商议' : null,
    recordedByName: i < done ? '王书记' : null,
  }));

async function open(replies: Replies = {}) {
  const send = fakeBackend({
    'resolution.get': ok(resolution()),
    'member.me': meReply(['resolution.progress'], { memberId: 'm-li', roles: ['gridWorker'] }),
    'media.urls': ok({ urls: {} }),
    ...replies,
  });
  const page = render(pageId);
  page.instance.onLoad({ resolutionId: 'resolution-1' });
  await flush();
  return { page, send };
}

beforeEach(() => {
  jest.clearAllMocks();
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => jest.restoreAllMocks());

describe('the owner opens a resolution', () => {
  it('shows what was decided, by which vote, who owns it by when, and the progress so far', async () => {
    const { page, send } = await open();
    expect(sent(send, 'resolution.get')[0].data).toEqual({ resolutionId: 'resolution-1' });
    expect(page.text('#title')).toBe('增设快递柜');
    expect(page.text('#percent')).toContain('60%');
    expect(page.text('#owner')).toBe('李秀英');
    expect(page.text('#due')).toContain('12月31日');
    expect(page.text('#explanation')).toContain('同意120（需>80）→ 通过');
    expect(page.text('#history')).toContain('已完成选址，厂家已进场。');
    expect(page.exists('#reassign-open')).toBe(false);
    expect(page.exists('#stage-form')).toBe(false);
  });
});

describe('recording progress', () => {
  it('never goes below what is recorded, and sends the new percent with its words', async () => {
    const { page, send } = await open({ 'resolution.progress': (data) => ok(resolution({ percent: data.percent })) });
    await page.change('#slider', 40);
    expect(page.text('#new-percent')).toBe('60%');
    await page.tap('#step-down');
    expect(page.text('#new-percent')).toBe('60%');
    await page.tap('#step-up');
    await page.tap('#step-up');
    expect(page.text('#new-percent')).toBe('70%');
    await page.tap('#progress-submit');
    expect(page.exists('#progress-text-error')).toBe(true);
    expect(sent(send, 'resolution.progress')).toHaveLength(0);
    await page.input('#progress-text', '快递柜基础已浇筑');
    await page.tap('#progress-submit');
    expect(sent(send, 'resolution.progress')[0].data).toEqual({ resolutionId: 'resolution-1', percent: 70, text: '快递柜基础已浇筑', photoIds: [] });
    expect(page.text('#saved')).toBe('进度已更新为70%');
    expect(page.text('#percent')).toContain('70%');
  });

  it('at 100% says it is done and the residents are told', async () => {
    const { page } = await open({ 'resolution.progress': ok(resolution({ percent: 100, status: 'done', statusLabel: '已办结', doneAt: NOW, allowedActions: ['resolution.get'] as ActionName[] })) });
    await page.change('#slider', 100);
    expect(page.text('#progress-submit')).toBe('记录并办结');
    await page.input('#progress-text', '快递柜已投入使用');
    await page.tap('#progress-submit');
    expect(page.text('#saved')).toContain('已办结');
    expect(page.text('#status')).toBe('已办结');
    expect(page.exists('#progress-form')).toBe(false);
  });
});

describe('an admin reassigns', () => {
  it('picks the new owner by name, with a reason', async () => {
    const { page, send } = await open({
      'resolution.get': ok(resolution({ allowedActions: ['resolution.get', 'resolution.progress', 'resolution.reassign'] as ActionName[] })),
      'resolution.reassign': ok(resolution({ ownerName: '张网格' })),
    });
    await page.tap('#reassign-open');
    await page.tap('#reassign-submit');
    expect(page.text('#reassign-error')).toContain('请选择新的负责人');
    await page.trigger('#owner-picker', 'pick', { memberId: 'm-zhang', name: '张网格', label: '张网格', onApp: true });
    await page.input('#reason', '原负责人调岗');
    await page.tap('#reassign-submit');
    expect(sent(send, 'resolution.reassign')[0].data).toEqual({ resolutionId: 'resolution-1', ownerId: 'm-zhang', reason: '原负责人调岗' });
    expect(page.text('#owner')).toBe('张网格');
  });
});

describe('四议两公开', () => {
  const withProcedure = resolution({ procedure: stages(1), allowedActions: ['resolution.get', 'resolution.progress', 'resolution.recordStage'] as ActionName[] });

  it('lists the stages in order and offers the next one first, with 应到/实到 for a meeting stage', async () => {
    const { page } = await open({ 'resolution.get': ok(withProcedure) });
    expect(page.text('#stage-propose')).toContain('已完成');
    expect(page.text('#stage-propose')).toContain('社区党委');
    expect(page.text('#stage-value')).toBe('两委会议商议');
    expect(page.exists('#present')).toBe(true);
    await page.change('#stage', 4);
    expect(page.text('#stage-value')).toBe('实施结果公开');
    expect(page.exists('#present')).toBe(false);
  });

  it('shows a below-quorum refusal at 实到', async () => {
    const { page, send } = await open({ 'resolution.get': ok(withProcedure), 'resolution.recordStage': fail('CONFLICT', '不足法定人数：应到9人，实到5人，需6人') });
    await page.input('#body-text', '社区两委联席会议');
    await page.input('#due-count', '9');
    await page.input('#present', '5');
    await page.input('#outcome', '同意提交党员大会审议');
    await page.tap('#stage-submit');
    expect(sent(send, 'resolution.recordStage')[0].data).toMatchObject({ resolutionId: 'resolution-1', stage: 'discuss', bodyText: '社区两委联席会议', due: 9, present: 5, outcome: '同意提交党员大会审议', attachments: [] });
    expect(page.text('#present-error')).toBe('不足法定人数：应到9人，实到5人，需6人');
    expect(page.exists('#stage-form-error')).toBe(false);
  });

  it('records a stage and moves on to the next', async () => {
    const { page } = await open({ 'resolution.get': ok(withProcedure), 'resolution.recordStage': ok(resolution({ procedure: stages(2), allowedActions: withProcedure.allowedActions })) });
    await page.input('#body-text', '社区两委联席会议');
    await page.input('#due-count', '9');
    await page.input('#present', '8');
    await page.input('#outcome', '同意提交党员大会审议');
    await page.tap('#stage-submit');
    await flush();
    expect(page.text('#saved')).toBe('已登记「两委会议商议」');
    expect(page.text('#stage-value')).toBe('党员大会审议');
  });
});
