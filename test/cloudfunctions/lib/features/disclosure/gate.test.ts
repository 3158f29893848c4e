/**
 * The privacy gate on a draft: what it flags in each published field, that a reviewer's
 * decisions survive an edit elsewhere in the text, that marks follow their text, and that
 * relief recipients appear only as their programme allows.
 */
import { applyFlags, flagDraft, markFlags, unresolvedFlags, type GateNames } from '../../../../../cloudfunctions/lib/features/disclosure/gate';
import { starName } from '../../../../../cloudfunctions/lib/features/disclosure/relief';
import type { DraftRecord, FlagRecord } from '../../../../../cloudfunctions/lib/features/disclosure/records';

const names: GateNames = { knownNames: ['王建国', '欧阳秀英', '李四'], keepNames: ['张主任', '陈明'] };

function draft(over: Partial<DraftRecord> = {}): DraftRecord {
  return {
    draftVersion: 1,
    title: '2026年第三季度财务公开',
    categoryKey: 'finance',
    period: { kind: 'quarter', year: 2026, quarter: 3 },
    body: '经办人陈明。王建国（电话13800138000）反映3号楼2单元302漏水，共3户受影响。',
    finance: {
      openingFen: 100000,
      income: [{ label: '上级拨款', amountFen: 50000 }],
      expense: [{ label: '维修费', amountFen: 30000, note: '付欧阳秀英垫付款' }],
      closingFen: 120000,
    },
    relief: null,
    attachments: [],
    links: [],
    correctionReason: null,
    flags: [],
    updatedAt: 0,
    byId: 'm_staff',
    byName: '陈明',
    ...over,
  };
}

const decideAll = (flags: FlagRecord[], decision: 'mask' | 'keep' = 'mask') => flags.map((f) => ({ ...f, decision, reason: decision === 'keep' ? '公共服务' : null }));

describe('flagDraft finds what must not be published as written, in every field', () => {
  it('flags names, phones, rooms and small counts in the body and names in finance notes, not the kept staff', () => {
    const flags = flagDraft(draft(), names, []);
    expect(flags.map((f) => [f.field, f.kind, f.text, f.suggestion])).toEqual([
      ['body', 'name', '王建国', '王某'],
      ['body', 'phone', '13800138000', '***'],
      ['body', 'room', '2单元302', '***'],
      ['body', 'smallCount', '3', '<5'],
      ['finance.expense.0.note', 'name', '欧阳秀英', '欧阳某'],
    ]);
    expect(unresolvedFlags(flags)).toBe(5);
  });

  it('scans the relief programme name but never lists recipients as text', () => {
    const flags = flagDraft(draft({ body: '', finance: null, relief: { programme: '李四家庭临时救助', form: 'count', rows: [{ name: '王建国', amountFen: 1000 }] } }), names, []);
    expect(flags.map((f) => [f.field, f.text])).toEqual([['relief.programme', '李四']]);
  });

  it('masks a relief recipient wherever else the draft names them', () => {
    const flags = flagDraft(draft({ body: '孙七家中困难，经评议给予救助。', finance: null, relief: { programme: '临时救助', form: 'surname', rows: [{ name: '孙七', amountFen: 1000 }] } }), names, []);
    expect(flags.map((f) => [f.field, f.text, f.suggestion])).toEqual([['body', '孙七', '孙某']]);
  });
});

describe('decisions survive an edit elsewhere', () => {
  it('keeps each flag id and its decision when text is added before it', () => {
    const first = decideAll(flagDraft(draft(), names, []), 'keep');
    const edited = draft({ body: `补充说明：本季度无其他事项。${draft().body}` });
    const again = flagDraft(edited, names, first);
    expect(again.map((f) => f.flagId)).toEqual(first.map((f) => f.flagId));
    expect(unresolvedFlags(again)).toBe(0);
    expect(again[0].start).toBe(first[0].start + '补充说明：本季度无其他事项。'.length);
  });

  it('gives a new, undecided flag to new personal data, and drops the flag of text that is gone', () => {
    const first = decideAll(flagDraft(draft(), names, []));
    const edited = draft({ body: draft().body.replace('13800138000', '13900139000') });
    const again = flagDraft(edited, names, first);
    const phone = again.find((f) => f.kind === 'phone')!;
    expect(phone.decision).toBeNull();
    expect(again.some((f) => f.text === '13800138000')).toBe(false);
    expect(unresolvedFlags(again)).toBe(1);
  });

  it('tells two occurrences of the same name apart', () => {
    const flags = flagDraft(draft({ body: '王建国与王建国', finance: null }), names, []);
    expect(new Set(flags.map((f) => f.flagId)).size).toBe(2);
  });
});

describe('a reviewer mark covers its text and follows it', () => {
  it('is found again wherever the text now is in its field, keeping its decision', () => {
    const d = draft({ body: '请联系赵六，赵六住楼下。', finance: null });
    const marks = markFlags('body', d.body, '赵六').map((f) => ({ ...f, decision: 'mask' as const }));
    expect(marks).toHaveLength(2);
    const moved = draft({ body: `通知：${d.body}`, finance: null });
    const flags = flagDraft(moved, names, marks);
    expect(flags.filter((f) => f.kind === 'manual').map((f) => f.decision)).toEqual(['mask', 'mask']);
    expect(applyFlags({ ...moved, flags }, new Map()).body).toBe('通知：请联系赵某，赵某住楼下。');
  });
});

describe('applyFlags gives what residents read', () => {
  it('replaces masked flags, leaves kept ones, and touches nothing else', () => {
    const d = draft();
    const flags = flagDraft(d, names, []).map((f) => (f.kind === 'smallCount' ? { ...f, decision: 'keep' as const, reason: '非个人信息' } : { ...f, decision: 'mask' as const }));
    const out = applyFlags({ ...d, flags }, new Map());
    expect(out.body).toBe('经办人陈明。王某（电话***）反映3号楼***漏水，共3户受影响。');
    expect(out.title).toBe(d.title);
    expect(out.finance!.expense[0]).toEqual({ label: '维修费', amountFen: 30000, note: '付欧阳某垫付款' });
    expect(out.finance!.openingFen).toBe(100000);
  });

  it('leaves undecided flags as written (publishing is blocked until they are decided)', () => {
    const d = draft();
    expect(applyFlags({ ...d, flags: flagDraft(d, names, []) }, new Map()).body).toBe(d.body);
  });
});

describe('relief recipients appear only as their programme allows', () => {
  const rows = ['王建国', '欧阳秀英', '李芳', '赵六', '孙七'].map((name, i) => ({ name, amountFen: 10000 * (i + 1), buildingId: 'b1' }));
  const buildings = new Map([['b1', '3号楼']]);
  const render = (form: 'count' | 'surname' | 'maskedName', n = rows.length) => applyFlags(draft({ finance: null, body: '', relief: { programme: '临时救助', form, rows: rows.slice(0, n) } }), buildings).relief!;

  it('count: no names at all', () => {
    const r = render('count');
    expect(r.rows.map((x) => x.recipient)).toEqual([null, null, null, null, null]);
    expect(r.countText).toBe('5人');
    expect(r.totalFen).toBe(150000);
  });

  it('surname: 王某, 欧阳某', () => {
    expect(render('surname').rows.map((x) => x.recipient)).toEqual(['王某', '欧阳某', '李某', '赵某', '孙某']);
  });

  it('maskedName: 王*国, 欧阳*英, 李*', () => {
    expect(render('maskedName').rows.map((x) => x.recipient)).toEqual(['王*国', '欧阳*英', '李*', '赵*', '孙*']);
    expect(starName('司马相如')).toBe('司马*如');
    expect(render('maskedName').rows[0].buildingName).toBe('3号楼');
  });

  it('fewer than five: 「<5」, and a count-only programme lists no rows that would tell the count', () => {
    const r = render('count', 3);
    expect(r.countText).toBe('<5');
    expect(r.rows).toEqual([]);
    expect(r.totalFen).toBe(60000);
    expect(render('surname', 2).countText).toBe('<5');
  });

  it('no full name of a recipient is anywhere in what is published', () => {
    for (const form of ['count', 'surname', 'maskedName'] as const) {
      const text = JSON.stringify(render(form));
      for (const { name } of rows) expect(text).not.toContain(name);
    }
  });
});
