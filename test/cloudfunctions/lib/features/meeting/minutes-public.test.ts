/**
 * The public minutes of a meeting fed with names, phone numbers (mobiles as 138…, with
 * spaces, dashes and +86; landlines with area code, brackets and extension), ID numbers and
 * room numbers contain none of them — as residents read them through meeting.minutes, the
 * record lines included — while the officers, the mover and the person who agreed stay
 * named, and the roll hash and the quorum numbers read as the meeting had them.
 */
import fc from 'fast-check';
import type { MinutesView } from '../../../../../miniprogram/core/council/meeting-contract';
import { memberIdFor as member } from '../../../../../cloudfunctions/lib/kernel/caller';
import { DAY } from '../../../../../cloudfunctions/lib/kernel/time';
import { resolutionIdFor } from '../../../../../cloudfunctions/lib/features/resolution/records';
import type { ResolutionView } from '../../../../../miniprogram/core/council/resolution-contract';
import { createHarness, type Harness } from '../../../../support/harness';
import { endedMeeting, person } from './minutes-fixtures';

const PHONES = ['13800138000', '138 0013 8000', '138-0013-8000', '+86 13912345678', '010-84561234转8', '(0571)88886666', '0755-2345-6789'];
const IDS = ['11010119900307123X', '320102198001011234', '110101900307123'];
const ROOMS = ['3号楼2单元301', '3-2-402', '1201室', '2栋1单元502', '5号楼1201'];
const RESIDENTS = ['王建国', '张秀英', '赵大海', '刘阿姨'];

async function fedMeeting(h: Harness, id: string, prefix: string) {
  const reps = [await person(h, `${prefix}-1`, '王建国'), await person(h, `${prefix}-2`, '张秀英', '302'), await person(h, `${prefix}-3`, '欧阳明', '401'), await person(h, `${prefix}-4`, '赵大海', '402'), member('demo-resident-1')];
  await person(h, `${prefix}-5`, '陈志强', '501');
  return endedMeeting(h, {
    id,
    invitees: reps,
    present: reps.slice(0, 4),
    agenda: [
      { title: '在东门增设快递柜', text: '王建国提议（联系电话13800138000），由物业在东门内侧安装快递柜。', status: 'adopted', moverName: '陈志强' },
      { title: '3号楼2单元301门前违建', text: '张秀英反映3-2-402楼上漏水。', status: 'discussed' },
    ],
  });
}

async function publish(h: Harness, meetingId: string, summary: string, discussions: string[], named: string[]) {
  await h.ok('demo-grid-1', 'meeting.saveMinutes', { meetingId, version: 0, summary, items: discussions.map((d, i) => ({ itemId: `it${i + 1}`, discussion: d })), namedMemberIds: named });
  await h.ok('demo-admin', 'meeting.approveMinutes', { meetingId, version: 1, resolutions: [{ itemId: 'it1', ownerId: member('demo-grid-1'), dueAt: h.clock.now() + 30 * DAY }] });
  return h.ok<MinutesView>('demo-resident-1', 'meeting.minutes', { meetingId });
}

const digitsOf = (s: string) => s.replace(/\D/g, '');

describe('the public minutes carry no personal data', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  it('masks every name, phone, ID and room number fed into the summary, the discussions and the agenda, keeping officers, the mover and the one who agreed', async () => {
    const m = await fedMeeting(h, 'mt_fed', 'fed');
    const summary = `王建国（${ROOMS[0]}，电话${PHONES[1]}）反映东门没有快递柜；张秀英留了物业电话${PHONES[4]}和手机${PHONES[3]}；赵大海身份证号${IDS[0]}，住${ROOMS[1]}；刘阿姨住1号楼 1单元 101；孙小红奶奶也来了。欧阳明同意具名。主持人王书记，记录人李秀英。`;
    const discussions = [
      `王建国的手机${PHONES[2]}，张秀英家座机${PHONES[5]}，${ROOMS[4]}的赵大海附议，${ROOMS[3]}的住户${PHONES[0]}反对；另有${PHONES[6]}、${ROOMS[2]}、${IDS[1]}、${IDS[2]}。`,
      '会上通报了上季度工作。',
    ];
    const v = await publish(h, m._id, summary, discussions, [member('fed-3')]);
    const everything = [v.publicText ?? '', ...v.record, v.summary, ...v.items.map((i) => `${i.title}${i.discussion}`)].join('\n');
    // Residents read the summary and each discussion, masked, not only the record.
    expect(v.summary).toContain('王某');
    expect(v.items.length).toBeGreaterThan(0);
    for (const secret of [...RESIDENTS, '孙小红', ...PHONES, ...IDS, ...ROOMS, '1号楼 1单元 101', '1单元 101', '2单元301']) expect(everything).not.toContain(secret);
    for (const p of PHONES) expect(digitsOf(everything)).not.toContain(digitsOf(p).replace(/^86/, ''));
    for (const kept of ['王书记', '李秀英', '欧阳明', '陈志强', m.roll.hash.slice(0, 16), '到会4人（本人4，委托0）', '第1项：在东门增设快递柜（提议人：陈志强）', '王某', '张某', '赵某', '刘某', '孙某奶奶']) {
      expect(everything).toContain(kept);
    }
    expect(v.record.join('\n')).not.toContain('13800138000');
    // The resolution is read by the whole community too: its words are masked alike.
    const r = await h.ok<ResolutionView>('demo-resident-2', 'resolution.get', { resolutionId: resolutionIdFor(m._id, 'it1') });
    expect(r.text).toBe('王某提议（联系电话***），由物业在东门内侧安装快递柜。');
  });

  it('shows staff, before approval, how much the public version will mask', async () => {
    const m = await fedMeeting(h, 'mt_fed', 'fed');
    await h.ok('demo-grid-1', 'meeting.saveMinutes', { meetingId: m._id, version: 0, summary: `王建国电话${PHONES[0]}，住${ROOMS[0]}，身份证号${IDS[0]}。` });
    const draft = await h.ok<MinutesView>('demo-admin', 'meeting.minutes', { meetingId: m._id });
    expect(draft.maskedText).toMatch(/^公开版将隐去：姓名\d+处、电话号码\d+处、证件号码1处、房号\d+处$/);
    expect(draft.publicText).not.toContain(PHONES[0]);
    expect(draft.summary).toContain(PHONES[0]);
  });
});

// The same through the actions, for random residents and numbers: one harness, a meeting per run.
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑'];
const GIVEN = [...'建国秀英志强伟芳敏静丽军磊洋勇艳杰娟涛超兰霞'];
/** Staff names stay named and the fixed words are the meeting's own: a resident must not share them. */
const FIXED = '王书记 李主任 李秀英 赵丽 张建国 陈建华 陈志强 陈志愿 社区服务站二楼会议室 2026年第四季度居民代表会议 增设快递柜 指定人员（代表、成员）';
const name = fc
  .tuple(fc.constantFrom(...SURNAMES), fc.array(fc.constantFrom(...GIVEN), { minLength: 1, maxLength: 2 }))
  .map(([s, g]) => s + g.join(''))
  .filter((n) => !FIXED.includes(n));
const nine = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }).map((d) => d.join(''));
const mobile = fc.tuple(fc.integer({ min: 3, max: 9 }), nine).chain(([s, r]) => {
  const n = `1${s}${r}`;
  return fc.constantFrom(n, `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`, `${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`, `+86${n}`);
});
const landline = fc.tuple(fc.constantFrom('010', '021', '0571', '0755'), fc.integer({ min: 20_000_000, max: 89_999_999 })).chain(([a, l]) => fc.constantFrom(`${a}-${l}`, `(${a})${l}`, `${a}${l}`, `${a}-${l}转12`));
const idNo = fc.tuple(fc.integer({ min: 110_000, max: 659_999 }), fc.integer({ min: 1950, max: 2005 }), fc.integer({ min: 10, max: 12 }), fc.integer({ min: 10, max: 28 }), fc.integer({ min: 100, max: 999 }), fc.constantFrom('0', '7', 'X'))
  .map(([area, y, mo, d, seq, check]) => `${area}${y}${mo}${d}${seq}${check}`);
const room = fc.tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 4 }))
  .chain(([b, u, f, d]) => fc.constantFrom(`${b}号楼${u}单元${f}0${d}`, `${b}-${u}-${f}0${d}`, `${f}0${d}室`));

test('random residents, phones, IDs and rooms fed to a meeting never reach its public minutes', async () => {
  const h = await createHarness();
  let run = 0;
  try {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(name, { minLength: 3, maxLength: 3 }), fc.array(fc.oneof(mobile, landline), { minLength: 2, maxLength: 4 }), idNo, fc.array(room, { minLength: 1, maxLength: 3 }), async (names, phones, id, rooms) => {
        run += 1;
        const ids = [];
        for (const [i, n] of names.entries()) ids.push(await person(h, `p${run}-${i}`, n));
        const m = await endedMeeting(h, { id: `mt_p${run}`, invitees: ids, present: ids, agenda: [{ title: '增设快递柜', status: 'adopted', moverName: '陈志强' }] });
        const summary = `${names[0]}（${rooms[0]}，电话${phones[0]}）提出；${names[1]}身份证号${id}，联系${phones[1]}；${names[2]}住${rooms[rooms.length - 1]}。${phones.slice(2).join('、')}`;
        const v = await publish(h, m._id, summary, [`${names[1]}、${names[2]}附议，${rooms.join('、')}的住户同意。`], []);
        const everything = [v.publicText ?? '', ...v.record, v.summary, ...v.items.map((i) => `${i.title}${i.discussion}`)].join('\n');
        for (const s of [...names, ...phones, id, ...rooms]) expect(everything).not.toContain(s);
        expect(everything).toContain('记录人：李秀英');
        expect(everything).toContain(m.roll.hash.slice(0, 16));
      }),
      { numRuns: 15 },
    );
  } finally {
    h.close();
  }
});
