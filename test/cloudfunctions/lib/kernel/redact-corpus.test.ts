/**
 * The privacy gate's corpus (issue 16, 「Must show」): text as community staff write it, with
 * names in several forms, mobile and landline numbers, 18-digit ID numbers, room numbers and
 * small counts. Every flag masked, nothing of the personal data survives publication — and
 * everything else (dates, amounts, counts of five or more, item numbers, the 12345 hotline)
 * reads byte for byte as written.
 *
 * Each line marks its personal data as ⟦as written|as published⟧; the rest must come out
 * unchanged, so the expected text is the line with every mark replaced by its right side.
 */
import fc from 'fast-check';
import { applyFlags, flagDraft, type GateNames } from '../../../../cloudfunctions/lib/features/disclosure/gate';
import type { DraftRecord, FlagRecord } from '../../../../cloudfunctions/lib/features/disclosure/records';
import { yuanText } from '../../../../miniprogram/core/disclosure/finance';
import { findPersonalData } from '../../../../cloudfunctions/lib/kernel/redact';

const names: GateNames = {
  knownNames: ['王建国', '李秀兰', '赵敏', '欧阳秀英', '司马光明', '上官婉', '张伟', 'Lucy Wang'],
  keepNames: ['陈明', '周红梅'],
};

const CORPUS: readonly string[] = [
  // names the gate was told of, in several forms
  '⟦王建国|王某⟧反映楼道灯坏了。',
  '经查，⟦欧阳秀英|欧阳某⟧、⟦司马光明|司马某⟧两户已缴清。',
  '慰问对象：⟦李秀兰|李某⟧、⟦赵敏|赵某⟧、⟦张伟|张某⟧。',
  '⟦上官婉|上官某⟧阿姨送来锦旗。',
  '外籍居民⟦Lucy Wang|某⟧参加了活动。',
  '⟦王建国|王某⟧同志与⟦李秀兰|李某⟧女士共同发起。',
  // names nobody listed, before an honorific
  '感谢⟦刘德华|刘某⟧先生捐赠的图书。',
  '⟦诸葛亮|诸葛某⟧先生的来信已答复。',
  '⟦孙丽|孙某⟧老师负责四点半课堂。',
  // officers stay named
  '经办人：社区主任陈明，会计周红梅。',
  // mobile numbers
  '联系⟦13800138000|***⟧。',
  '⟦+86 138 0013 8000|***⟧（微信同号）。',
  '手机⟦138-0000-0000|***⟧。',
  '⟦+8613912345678|***⟧已停机。',
  // landlines
  '物业电话⟦010-12345678|***⟧。',
  '⟦(0571)8888 8888|***⟧为原值班电话。',
  '⟦021-6666 6666转123|***⟧找王师傅。',
  '座机：⟦87654321|***⟧。',
  // ID numbers
  '身份证号⟦110101199003071234|***⟧。',
  '证件号⟦11010119900307123X|***⟧已核验。',
  '⟦11010119900307123x|***⟧（小写）。',
  '⟦110101 19900307 123X|***⟧（带空格）。',
  // room numbers
  '⟦3-2-302|***⟧住户。',
  '3号楼⟦2单元302|***⟧漏水。',
  '3栋⟦2单元302室|***⟧已维修。',
  '⟦302室|***⟧门口堆放杂物。',
  '5号楼⟦101|***⟧、⟦102室|***⟧停水。',
  // counts under five
  '共⟦3|<5⟧户申请。',
  '受影响居民⟦2|<5⟧人。',
  '补助⟦4|<5⟧名困难老人、⟦1|<5⟧家商户。',
  '本次共⟦三|<5⟧户申请，其中⟦两|<5⟧户已审核，仅⟦一|<5⟧人未到。',
  '实行一户一档、一人一票，三人小组负责核对。',
  // what must never be touched
  '2026年10月15日14:30召开，第3季度第2次会议。',
  '收入1,234.50元，支出980.00元，结余254.50元。',
  '共12户、5人、30名志愿者、8位代表、6家单位参加。',
  '第3项议题通过，赞成率85%，第4户为样板户。',
  '如有疑问请拨打市民热线12345。',
  '3号楼门前停车位共20个，12层以上水压不足。',
  '2单元门禁已更换，费用302元。',
  '张阿姨和王先生都来了。',
  '本通知自2026-10-15起施行，编号2026-001。',
  // a tally is the record: quorum lines and votes stay as counted
  '到会情况：到会3人（本人3，委托0）/ 应到3人，需≥2人。',
  '表决结果：赞成4户，反对1户，弃权0户。',
];

const MARK = /⟦([^|⟧]*)\|([^⟧]*)⟧/g;
const asWritten = (line: string) => line.replace(MARK, (_m, w: string) => w);
const asPublished = (line: string) => line.replace(MARK, (_m, _w: string, p: string) => p);
const personal = (line: string) => [...line.matchAll(MARK)].map((m) => m[1]);

function draftOf(body: string, over: Partial<DraftRecord> = {}): DraftRecord {
  return {
    draftVersion: 1,
    title: '居务公开',
    categoryKey: 'other',
    period: { kind: 'none' },
    body,
    finance: null,
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

/** What a reviewer who masks everything publishes. */
function publishMaskingAll(d: DraftRecord): ReturnType<typeof applyFlags> {
  const flags: FlagRecord[] = flagDraft(d, names, []).map((f) => ({ ...f, decision: 'mask' }));
  return applyFlags({ ...d, flags }, new Map());
}

describe('each line of the corpus, every flag masked', () => {
  it.each(CORPUS.map((line) => [asWritten(line), line]))('%s', (written, line) => {
    const out = publishMaskingAll(draftOf(written)).body;
    expect(out).toBe(asPublished(line));
    for (const p of personal(line)) if (p.length >= 2) expect(out).not.toContain(p);
  });
});

describe('the whole corpus as one text, in any order', () => {
  it('publishes exactly the expected text: nothing personal left, nothing else changed', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([...CORPUS], { minLength: 1 }), (lines) => {
        const out = publishMaskingAll(draftOf(lines.map(asWritten).join('\n'))).body;
        expect(out).toBe(lines.map(asPublished).join('\n'));
      }),
      { numRuns: 200 },
    );
  });

  it('leaves no run of seven or more digits and no ID-shaped number in what is published', () => {
    const out = publishMaskingAll(draftOf(CORPUS.map(asWritten).join(''))).body;
    expect(out.replace(/\s/g, '')).not.toMatch(/\d{7,}/);
    expect(out).not.toMatch(/\d{17}[\dXx]/);
  });
});

describe('every published field is gated, not only the body', () => {
  it('title, finance labels and notes, and the relief programme', () => {
    const d = draftOf('', {
      title: '关于3号楼2单元302漏水的处理',
      finance: {
        openingFen: 123450,
        income: [{ label: '王建国捐款', amountFen: 10000, note: '电话13800138000' }],
        expense: [{ label: '维修费1,234.50元', amountFen: 123450, note: '付3-2-302住户' }],
        closingFen: 10000,
      },
      relief: { programme: '赵敏家庭临时救助', form: 'surname', rows: [{ name: '李秀兰', amountFen: 50000 }] },
    });
    const out = publishMaskingAll(d);
    expect(out.title).toBe('关于3号楼***漏水的处理');
    expect(out.finance).toEqual({
      openingFen: 123450,
      income: [{ label: '王某捐款', amountFen: 10000, note: '电话***' }],
      expense: [{ label: '维修费1,234.50元', amountFen: 123450, note: '付***住户' }],
      closingFen: 10000,
    });
    expect(out.relief).toMatchObject({ programme: '赵某家庭临时救助', countText: '<5', rows: [{ recipient: '李某', amountFen: 50000 }] });
  });
});

describe('what a reviewer keeps stays as written', () => {
  it('a public service line kept with a reason is published unchanged, the rest still masked', () => {
    const d = draftOf('社区服务电话010-12345678，住户王建国电话13800138000。');
    const flags = flagDraft(d, names, []).map((f): FlagRecord => (f.text === '010-12345678' ? { ...f, decision: 'keep', reason: '公共服务电话' } : { ...f, decision: 'mask' }));
    expect(applyFlags({ ...d, flags }, new Map()).body).toBe('社区服务电话010-12345678，住户王某电话***。');
  });

  it('the finder itself reports nothing in the lines with nothing personal', () => {
    for (const line of CORPUS.filter((l) => personal(l).length === 0)) {
      expect(findPersonalData(line, { ...names, smallCounts: true })).toEqual([]);
    }
  });
});

describe('figures a finance item is made of are never findings', () => {
  it('amounts, dates, quarters, counts of five or more and item numbers, in any mix', () => {
    const amount = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map(yuanText);
    const date = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`);
    const count = fc.tuple(fc.integer({ min: 5, max: 100_000 }), fc.constantFrom('户', '人', '名', '位', '家', '个', '次')).map(([n, u]) => `${n}${u}`);
    const ordinal = fc.tuple(fc.integer({ min: 1, max: 99 }), fc.constantFrom('项', '户', '季度', '次会议', '条')).map(([n, u]) => `第${n}${u}`);
    const quarter = fc.integer({ min: 1, max: 4 }).map((q) => `第${q}季度`);
    const piece = fc.oneof(amount, date, count, ordinal, quarter, fc.constantFrom('，', '。', '；', '收入', '支出', '合计', '结余'));
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), (pieces) => {
        const text = pieces.join('，');
        expect(findPersonalData(text, { ...names, smallCounts: true })).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
