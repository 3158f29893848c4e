import { fail, fakeBackend, flush, loadPage, meReply, mediaUrlsReply, ok, render, sent, urlOf, wxMock, type Replies } from '../../../harness';
import type { ItemView } from '../../../../../miniprogram/core/disclosure/contract';
import { posterUrl } from '../../../../../miniprogram/services/disclosure-poster';
import { bj, corrected, item, NOW, opinion, question, version } from '../fixtures';

const pageId = loadPage('disclosure/item/index');

async function open(view: ItemView = item(), replies: Replies = {}, query: Record<string, string> = { itemId: view.itemId }) {
  const send = fakeBackend({ 'disclosure.get': ok(view), 'media.urls': mediaUrlsReply(), ...replies });
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

describe('a resident reads a quarter’s finances', () => {
  it('shows the title, period, version, date and who published it, then the body', async () => {
    const { page, send } = await open();
    expect(sent(send, 'disclosure.get')[0].data).toEqual({ itemId: 'ditem_fin3' });
    expect(page.text('#category')).toBe('财务收支');
    expect(page.text('#title')).toBe('2026年第三季度财务收支');
    expect(page.text('#meta')).toBe('2026年第三季度 · 第1版 · 10月12日公开');
    expect(page.text('#publisher')).toBe('公开人：王书记');
    expect(page.text('#body')).toBe('本季度收支情况如下，原始凭证在社区居委会可查阅。');
    expect(page.exists('#reason')).toBe(false);
    expect(page.exists('#objection-banner')).toBe(false);
    expect(page.text()).not.toContain('ditem');
  });

  it('shows the table: opening balance, each income and expense line with its note, the totals, the closing balance and the check', async () => {
    const { page } = await open();
    expect(page.text('#opening')).toBe('期初余额12,500.00元');
    expect(page.count('.income-line')).toBe(2);
    expect(page.text('#finance')).toContain('停车位租金7月至9月1,280.50元');
    expect(page.text('#income-total')).toBe('收入合计4,880.50元');
    expect(page.count('.expense-line')).toBe(2);
    expect(page.text('#finance')).toContain('楼道照明维修3号楼、4号楼860.00元');
    expect(page.text('#expense-total')).toBe('支出合计2,360.00元');
    expect(page.text('#closing')).toBe('期末余额15,020.50元');
    expect(page.text('#finance-text')).toBe('期初12,500.00元 + 收入4,880.50元 − 支出2,360.00元 = 15,020.50元，与期末余额一致');
  });

  it('shows its attachments and leads to the records it links', async () => {
    const { page } = await open(
      item({
        shown: version({
          attachments: ['cloud://env/uploads/m1/receipt.jpg'],
          links: [
            { kind: 'resolution', refId: 'res_1', title: '加装电动车充电桩' },
            { kind: 'concern', refId: 'c_9', title: '（已不可见）' },
          ],
        }),
      }),
    );
    const photos = page.instance.data.photos as Array<{ src: string }>;
    expect(photos.map((p) => p.src)).toEqual([urlOf('cloud://env/uploads/m1/receipt.jpg')]);
    expect(page.text('#link-0')).toBe('决议加装电动车充电桩');
    await page.tap('#link-0');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/resolution/index?resolutionId=res_1' });
    wxMock.navigateTo.mockClear();
    await page.tap('#link-1');
    expect(wxMock.navigateTo).not.toHaveBeenCalled();
  });
});

describe('a relief programme', () => {
  it('shows recipients only as the programme allows, with the count and total', async () => {
    const { page } = await open(
      item({
        categoryLabel: '救助与补贴款物',
        shown: version({
          title: '2026年9月高龄津贴发放',
          finance: null,
          financeText: null,
          relief: {
            programme: '高龄津贴',
            form: 'maskedName',
            formLabel: '公开部分姓名（王*国）',
            countText: '6',
            totalFen: 120_000,
            rows: Array.from({ length: 6 }, (_, i) => ({ recipient: ['王*国', '刘*', '马*福', '孙*英', '赵*', '钱*华'][i], amountFen: 20_000, buildingName: i < 3 ? '1号楼' : '3号楼' })),
          },
        }),
      }),
    );
    expect(page.text('#relief-form')).toBe('公开方式：公开部分姓名（王*国）');
    expect(page.text('#relief-count')).toBe('受助人数：6 合计：1,200.00元');
    expect(page.count('.relief-row')).toBe(6);
    expect(page.text('#relief')).toContain('王*国 1号楼200.00元');
    expect(page.exists('#finance')).toBe(false);
  });
});

describe('a corrected item', () => {
  it('shows the current version with its reason, and every version with what became of it', async () => {
    const { page } = await open(corrected(2));
    expect(page.text('#meta')).toBe('2026年第三季度 · 第2版 · 10月18日公开');
    expect(page.text('#reason')).toBe('更正原因：停车位租金少记了一个月，已补上');
    expect(page.text('#version-2')).toContain('第2版现行版本正在查看');
    expect(page.text('#version-2')).toContain('更正原因：停车位租金少记了一个月，已补上');
    expect(page.text('#version-1')).toContain('第1版已被第2版更正');
    expect(page.text('#version-1')).toContain('10月12日公开');
    expect(page.exists('#superseded')).toBe(false);
  });

  it('switches to the old version, marked superseded, and back to the current one', async () => {
    const { page, send } = await open(corrected(2), { 'disclosure.get': (d) => ok(corrected(d.version === 1 ? 1 : 2)) });
    await page.tap('#version-1');
    expect(sent(send, 'disclosure.get')[1].data).toEqual({ itemId: 'ditem_fin3', version: 1 });
    expect(page.text('#superseded')).toContain('这是第1版，已被第2版更正。');
    expect(page.text('#closing')).toBe('期末余额15,020.50元');
    expect(page.text('#version-1')).toContain('正在查看');
    await page.tap('#show-current');
    expect(sent(send, 'disclosure.get')[2].data).toEqual({ itemId: 'ditem_fin3' });
    expect(page.exists('#superseded')).toBe(false);
    expect(page.text('#closing')).toBe('期末余额15,440.00元');
  });

  it('says when a correction is being prepared', async () => {
    const { page } = await open(item({ state: 'correcting', stateLabel: '更正中' }));
    expect(page.text('#correcting')).toBe('社区正在更正这一项，更正公开前，现行版本仍然有效。');
  });
});

describe('opened from a poster on the board', () => {
  it('opens the printed version and says whether it is still the current one', async () => {
    const q = encodeURIComponent(posterUrl('ditem_fin3', 1));
    const { page, send } = await open(corrected(1), {}, { q });
    expect(sent(send, 'disclosure.get')[0].data).toEqual({ itemId: 'ditem_fin3', version: 1 });
    expect(page.text('#scan-note')).toContain('您扫描的是公开栏上的第1版，这一版后来已经更正');
    const scroll = jest.spyOn(wxMock, 'pageScrollTo');
    await page.tap('#scan-note .scan-link');
    expect(scroll).toHaveBeenCalledWith(expect.objectContaining({ selector: '#versions' }));
  });

  it('says a current poster is current', async () => {
    const { page } = await open(item(), {}, { q: encodeURIComponent(posterUrl('ditem_fin3', 1)) });
    expect(page.text('#scan-note')).toContain('这就是现行版本');
  });
});

describe('the committee objects', () => {
  it('shows the banner and the opinions, the objection waiting until answered', async () => {
    const { page } = await open(
      item({
        objectionBanner: '居务监督委员会对本项公开有异议，社区正在答复',
        opinions: [
          opinion({ opinionId: 'dop_2', stance: 'objection', stanceLabel: '有异议', text: '绿化养护没有附合同', memberName: '吴秀兰' }),
          opinion({ response: null }),
        ],
      }),
    );
    expect(page.text('#objection-banner')).toBe('居务监督委员会对本项公开有异议，社区正在答复');
    expect(page.text('#opinion-0')).toContain('有异议');
    expect(page.text('#opinion-0')).toContain('等待社区答复');
    expect(page.text('#opinion-0')).toContain('吴秀兰');
    expect(page.text('#opinion-0')).toContain('绿化养护没有附合同');
    expect(page.text('#opinion-1')).toContain('无异议');
    expect(page.text('#opinion-1')).not.toContain('等待社区答复');
  });

  it('shows the community’s answer under an objection', async () => {
    const { page } = await open(
      item({ opinions: [opinion({ stance: 'objection', stanceLabel: '有异议', text: '绿化养护没有附合同', response: { text: '合同已补充为附件。', byName: '王书记', at: bj(2026, 10, 15, 10, 0) } })] }),
    );
    expect(page.text('#opinion-0')).toContain('社区答复：合同已补充为附件。');
    expect(page.text('#opinion-0')).toContain('王书记 10月15日答复');
    expect(page.text('#opinion-0')).not.toContain('等待社区答复');
    expect(page.text('#opinion-0')).toContain('社区已答复');
  });

  it('says when there is no opinion yet', async () => {
    const { page } = await open();
    expect(page.text('#no-opinions')).toBe('居务监督委员会还没有登记意见。');
  });
});

describe('residents’ questions', () => {
  it('lists them with the asker masked, the deadline, a late one and an answer', async () => {
    const { page } = await open(
      item({
        questions: [
          question(),
          question({ questionId: 'dq_2', askerText: '马某', dueAt: bj(2026, 10, 19, 8, 0), overdue: true }),
          question({ questionId: 'dq_3', askerText: '我', mine: true, state: 'answered', answer: { text: '包括北门和3号楼前两处。', byName: '李秀英', at: bj(2026, 10, 16, 9, 0) } }),
        ],
      }),
    );
    expect(page.text('#question-0')).toContain('刘某问：绿化养护1500元是哪几处？');
    expect(page.text('#question-0')).toContain('待答复');
    expect(page.text('#question-0')).toContain('社区须在10月24日 08:00前答复');
    expect(page.text('#question-1')).toContain('答复已超期');
    expect(page.text('#question-1')).toContain('已告知居务监督委员会');
    expect(page.text('#question-2')).toContain('我问：');
    expect(page.text('#question-2')).toContain('社区答复：包括北门和3号楼前两处。');
    expect(page.text('#question-2')).toContain('李秀英 10月16日答复');
  });

  it('asks nothing when the question is empty: the message sits under the field', async () => {
    const { page, send } = await open();
    await page.tap('#ask-submit');
    expect(page.text('#ask-text-error')).toBe('请写下您想问的问题');
    expect(page.text('#ask-count >>> .form-count')).toBe('还有1项需要填写');
    expect(sent(send, 'disclosure.ask')).toHaveLength(0);
  });

  it('sends the question once, shows it on top as 「我」 with the deadline', async () => {
    const asked = question({ questionId: 'dq_9', askerText: '我', mine: true, text: '停车位租金为什么比上季度少？', askedAt: NOW, dueAt: bj(2026, 10, 30, 9, 30) });
    const { page, send } = await open(item({ questions: [question()] }), { 'disclosure.ask': ok(asked) });
    await page.input('#ask-text', '停车位租金为什么比上季度少？');
    await page.tap('#ask-submit');
    const events = sent(send, 'disclosure.ask');
    expect(events).toHaveLength(1);
    expect(events[0].data).toEqual({ itemId: 'ditem_fin3', text: '停车位租金为什么比上季度少？' });
    expect(events[0].idempotencyKey).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(page.text('#question-0')).toContain('我问：停车位租金为什么比上季度少？');
    expect(page.text('#question-1')).toContain('刘某问：');
    expect(page.text('#asked')).toBe('已提交。社区须在10月30日 09:30前答复，答复后会通知您。');
    expect(page.instance.data.text).toBe('');
  });

  it('shows the server’s refusal next to the button', async () => {
    const { page } = await open(item(), { 'disclosure.ask': fail('FORBIDDEN', '请先绑定住户再提问') });
    await page.input('#ask-text', '这笔钱是怎么花的？');
    await page.tap('#ask-submit');
    expect(page.text('#ask-error')).toBe('请先绑定住户再提问');
  });

  it('offers no form to one who may not ask', async () => {
    const { page } = await open(item({ allowedActions: ['disclosure.get'] }));
    expect(page.exists('#ask-text')).toBe(false);
    expect(page.text('#ask-who')).toBe('本社区已认证的住户可以在这里提问。');
  });
});

describe('a committee member reads an item waiting for their opinion', () => {
  it('gets the opinion form on the current version, and sees their opinion once given', async () => {
    const given = item({ allowedActions: ['disclosure.get'], opinions: [opinion({ memberName: '周建平' })] });
    const { page, send } = await open(item({ allowedActions: ['disclosure.get', 'disclosure.opinion'] }), { 'disclosure.opinion': ok(given) });
    expect(page.exists('#opinion-box')).toBe(true);
    await page.tap('#opinion-form >>> #stance-agree');
    await page.tap('#opinion-form >>> #opinion-submit');
    expect(sent(send, 'disclosure.opinion')[0].data).toEqual({ itemId: 'ditem_fin3', versionNumber: 1, stance: 'agree', text: '' });
    expect(page.exists('#opinion-box')).toBe(false);
    expect(page.text('#opinion-0')).toContain('周建平');
  });

  it('gets no form on a superseded version', async () => {
    const { page } = await open(corrected(1, { allowedActions: ['disclosure.get', 'disclosure.opinion'] }));
    expect(page.exists('#opinion-box')).toBe(false);
  });
});

describe('the A3 poster', () => {
  function fakeCanvas() {
    const painted: string[] = [];
    const ctx = {
      fillStyle: '',
      font: '',
      textAlign: '',
      textBaseline: '',
      fillRect: jest.fn(),
      fillText: (t: string) => painted.push(t),
      measureText: (t: string) => ({ width: [...t].length * 40 }),
    };
    const canvas = { width: 0, height: 0, getContext: () => ctx };
    return { canvas, painted };
  }

  function withCanvas(page: Awaited<ReturnType<typeof open>>['page'], canvas: unknown) {
    const query = { select: () => query, fields: () => query, exec: (cb: (r: unknown[]) => void) => cb([canvas ? { node: canvas } : null]) };
    (page.instance as unknown as { createSelectorQuery: () => unknown }).createSelectorQuery = () => query;
  }

  it('paints the sheet with the community’s name and saves it to the album', async () => {
    const { page, send } = await open(item(), { 'member.me': meReply(['disclosure.get'], { community: { id: 'demo', name: '幸福里社区' } }) });
    const { canvas, painted } = fakeCanvas();
    withCanvas(page, canvas);
    wxMock.canvasToTempFilePath = jest.fn((o: { success: (r: { tempFilePath: string }) => void }) => o.success({ tempFilePath: 'wxfile://poster.png' }));
    wxMock.saveImageToPhotosAlbum = jest.fn((o: { success: () => void }) => o.success());
    await page.tap('#poster');
    expect(sent(send, 'member.me')).toHaveLength(1);
    expect([canvas.width, canvas.height]).toEqual([1754, 2480]);
    expect(painted.slice(0, 3)).toEqual(['幸福里社区', '居务公开', '财务收支']);
    expect(painted).toContain('2026年第三季度财务收支');
    expect(wxMock.canvasToTempFilePath).toHaveBeenCalledWith(expect.objectContaining({ destWidth: 1754, destHeight: 2480, fileType: 'png' }));
    expect(wxMock.saveImageToPhotosAlbum).toHaveBeenCalledWith(expect.objectContaining({ filePath: 'wxfile://poster.png' }));
    expect(page.text('#poster-done')).toBe('海报已保存到手机相册。打印时请选A3纸、按原尺寸打印。');
  });

  it('says what to do when the album is not allowed, and when the phone cannot paint', async () => {
    const { page } = await open(item(), { 'member.me': meReply([]) });
    withCanvas(page, fakeCanvas().canvas);
    wxMock.canvasToTempFilePath = jest.fn((o: { success: (r: { tempFilePath: string }) => void }) => o.success({ tempFilePath: 'wxfile://poster.png' }));
    wxMock.saveImageToPhotosAlbum = jest.fn((o: { fail: () => void }) => o.fail());
    await page.tap('#poster');
    expect(page.text('#poster-error')).toContain('允许保存到相册');
    withCanvas(page, null);
    await page.tap('#poster');
    expect(page.text('#poster-error')).toBe('这台手机暂时无法生成图片，请升级微信后重试');
  });
});

describe('what cannot be shown', () => {
  it('says so when the item is not published yet', async () => {
    const { page } = await open(item({ shown: null, versions: [], currentNumber: 0, state: 'draft', stateLabel: '草稿' }));
    expect(page.text('#not-published')).toBe('这一项还没有公开。');
    expect(page.exists('#poster')).toBe(false);
  });

  it('shows the server’s message with a retry', async () => {
    const { page, send } = await open(item(), { 'disclosure.get': fail('NOT_FOUND', '没有找到这一项公开') });
    expect(page.text('#load-error')).toContain('没有找到这一项公开');
    await page.tap('#load-error .ll-retry');
    expect(sent(send, 'disclosure.get')).toHaveLength(2);
  });

  it('opens from an inbox message, which names the item as id', async () => {
    const { page, send } = await open(item(), {}, { id: 'ditem_fin3' });
    expect(sent(send, 'disclosure.get')[0].data).toEqual({ itemId: 'ditem_fin3' });
    expect(page.text('#title')).toBe('2026年第三季度财务收支');
  });

  it('asks nothing when the page was opened without an item', async () => {
    const send = fakeBackend({});
    const page = render(pageId);
    page.instance.onLoad({});
    await flush();
    expect(page.text('#load-error')).toContain('没有找到这一项公开');
    expect(send).not.toHaveBeenCalled();
  });
});
