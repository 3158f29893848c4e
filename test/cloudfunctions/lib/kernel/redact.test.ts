/**
 * What the public minutes (and later every 居务公开 item) may not carry: phone numbers in the
 * ways people write them, ID numbers, room numbers and the names of residents — while the
 * officers, movers and people who agreed stay named and dates, amounts, times and item
 * numbers read as written.
 */
import fc from 'fast-check';
import { COMMON_SURNAMES, maskName, redact } from '../../../../cloudfunctions/lib/kernel/redact';

describe('mobile numbers are taken out however they are written', () => {
  it.each([
    '13800138000',
    '138 0013 8000',
    '138-0013-8000',
    '+86 13800138000',
    '+86-138-0013-8000',
    '+8613800138000',
    '(+86)13800138000',
    '008613800138000',
    '8613800138000',
    '１３８００１３８０００',
  ])('%s', (phone) => {
    const r = redact(`有事请打${phone}找我。`);
    expect(r.text).toBe('有事请打***找我。');
    expect(r.counts.phone).toBe(1);
  });
});

describe('landlines are taken out, with area code, brackets and extension', () => {
  it.each([
    '010-12345678',
    '01012345678',
    '(010)12345678',
    '（010）12345678',
    '0571-8888888',
    '0571 88888888',
    '0571-8888-8888',
    '010-12345678-123',
    '010-12345678转123',
    '0755-88888888分机 66',
    '+86-10-12345678',
  ])('%s', (phone) => {
    const r = redact(`物业电话${phone}，欢迎来电。`);
    expect(r.text).toBe('物业电话***，欢迎来电。');
    expect(r.counts.phone).toBe(1);
  });
  it('takes a bare 8-digit number when the text calls it a phone', () => {
    expect(redact('联系电话：88886666').text).toBe('联系电话：***');
    expect(redact('手机 6688 不对').text).toBe('手机 6688 不对');
  });
  it('does not eat the 「12」 of a date that follows a landline', () => {
    expect(redact('电话010-12345678 12月2日前回复').text).toBe('电话*** 12月2日前回复');
  });
});

describe('ID numbers are taken out: 18 digits with the X check, 15 of the old kind, spaced', () => {
  it.each(['110101199003071234', '11010119900307123X', '11010119900307123x', '110101900307123', '110101 19900307 123X', '110101 1990 0307 123X'])('%s', (id) => {
    const r = redact(`身份证号${id}。`);
    expect(r.text).toBe('身份证号***。');
    expect(r.counts.idNumber).toBe(1);
  });
  it('takes an ID before it could be read as a phone inside it', () => {
    const r = redact('证件11013819900307123X');
    expect(r.text).toBe('证件***');
    expect(r.counts).toMatchObject({ idNumber: 1, phone: 0 });
  });
});

describe('room numbers are taken out; the building stays, a building alone is no one’s address', () => {
  it.each([
    ['3号楼2单元301', '3号楼***'],
    ['3号楼2单元301室', '3号楼***'],
    ['2栋1单元502', '2栋***'],
    ['5号楼1201', '5号楼***'],
    ['1号楼 1单元 101', '1号楼***'],
    ['B座1203', 'B座***'],
    ['3-2-301', '***'],
    ['301室', '***'],
    ['2单元301', '***'],
  ])('%s', (room, masked) => {
    const r = redact(`住在${room}的居民反映。`);
    expect(r.text).toBe(`住在${masked}的居民反映。`);
    expect(r.counts.room).toBe(1);
  });
  it('takes the rooms listed after one, and not the count that follows them', () => {
    const r = redact('3号楼101、102室和2单元301、302反映，3号楼104、120户受影响；电话13800138000、3000份传单');
    expect(r.text).toBe('3号楼***、***和***、***反映，3号楼***、120户受影响；电话***、3000份传单');
    expect(r.counts.room).toBe(5);
  });
  it('leaves a building, a stairway, a count of households and a floor as they are', () => {
    const text = '3号楼2单元的电梯坏了，3号楼120户居民受影响，5号楼12层漏水，会议室在一楼。';
    expect(redact(text)).toEqual({ text, counts: { name: 0, phone: 0, idNumber: 0, room: 0 } });
  });
});

describe('names it is told of become surname + 某', () => {
  it('masks every occurrence, compound surnames keep both characters', () => {
    const r = redact('王建国提议，欧阳明附议，王建国再次发言，司马光反对。', { knownNames: ['王建国', '欧阳明', '司马光'] });
    expect(r.text).toBe('王某提议，欧阳某附议，王某再次发言，司马某反对。');
    expect(r.counts.name).toBe(4);
  });
  it('masks names in other scripts as 某, and only whole words of them', () => {
    expect(redact('Tom说Tomorrow再议', { knownNames: ['Tom'] }).text).toBe('某说Tomorrow再议');
  });
  it('ignores one-character and empty names rather than masking every 王 in the text', () => {
    expect(redact('王老师说', { knownNames: ['王', '', '  '] }).text).toBe('王老师说');
  });
  it('takes a listed two-character word for a name only when it starts with a surname', () => {
    const r = redact('全体居民和文华、于敏、么建国都很幸福', { knownNames: ['居民', '幸福', '文华', '于敏', '么建国'] });
    expect(r.text).toBe('全体居民和文某、于某、么某都很幸福');
  });
  it('maskName', () => {
    expect([maskName('王建国'), maskName('欧阳建国'), maskName('欧阳'), maskName('刘阿姨'), maskName('Anna')]).toEqual(['王某', '欧阳某', '欧某', '刘某', '某']);
  });
});

describe('names before 同志、女士、先生、阿姨、大爷、奶奶、老师 go even when nobody listed them', () => {
  it('masks a common surname with one or two given characters', () => {
    const r = redact('请张三同志、李秀英女士、欧阳明先生、马建华大爷、孙小红奶奶和周强老师发言。');
    expect(r.text).toBe('请张某同志、李某女士、欧阳某先生、马某大爷、孙某奶奶和周某老师发言。');
    expect(r.counts.name).toBe(6);
  });
  it('masks more when it cannot tell where a name starts (谢 is a surname too), never less', () => {
    expect(redact('感谢张三同志').text).toBe('感谢某同志');
  });
  it('leaves a bare surname and words that only look like one', () => {
    const text = '我和王先生、刘阿姨、各位老师、全体党员同志、广大居民同志们。';
    expect(redact(text).text).toBe(text);
  });
});

describe('officers, movers and people who agreed stay named', () => {
  it('keeps kept names even when they are also on the known list, and even before an honorific', () => {
    const r = redact('主持人王书记、记录人李秀英；提议人张建国同志；王建国反对。', {
      knownNames: ['李秀英', '张建国', '王建国'],
      keepNames: ['王书记', '李秀英', '张建国'],
    });
    expect(r.text).toBe('主持人王书记、记录人李秀英；提议人张建国同志；王某反对。');
    expect(r.counts.name).toBe(1);
  });
  it('lets the longest name win: a kept 王建国 is not cut by a masked 王建, nor the other way round', () => {
    expect(redact('王建国发言，王建附议', { knownNames: ['王建'], keepNames: ['王建国'] }).text).toBe('王建国发言，王某附议');
    expect(redact('王建国发言，王建附议', { knownNames: ['王建国'], keepNames: ['王建'] }).text).toBe('王某发言，王建附议');
  });
  it('keeps tokens it is told to keep, such as the roll hash', () => {
    const r = redact('名册校验码 1380013800012345，另 13800138000', { keepTokens: ['1380013800012345'] });
    expect(r.text).toBe('名册校验码 1380013800012345，另 ***');
  });
});

describe('ordinary text is untouched', () => {
  it('dates, times, amounts, counts, item numbers, percentages, quorum lines', () => {
    const text = [
      '2026年12月2日 09:30-11:30在社区活动室召开，12月2日下午继续。',
      '第3项：增设快递柜，预算1500元（含安装费320.50元），工期30天。',
      '到会128户（本人120，委托8）/ 应到250户，需>125户 → 已达法定人数；同意96（需>64）→ 通过，占75%。',
      '日期2026-12-02，编号20261202-0007，热线12345。',
    ].join('\n');
    expect(redact(text, { knownNames: ['刘阿姨'] })).toEqual({ text, counts: { name: 0, phone: 0, idNumber: 0, room: 0 } });
  });
});

// ---- the property: minutes fed with random personal data carry none of it ----

const GIVEN = [...'建国秀英志强伟芳敏静丽军磊洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉宇浩然婷雪梅琳晨'];
const SURNAMES = [...COMMON_SURNAMES.slice(0, 60)];
const COMPOUND = ['欧阳', '司马', '上官', '诸葛'];
const digit = fc.integer({ min: 0, max: 9 }).map(String);
const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(''));

const name = fc
  .tuple(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...SURNAMES) }, { weight: 1, arbitrary: fc.constantFrom(...COMPOUND) }), fc.array(fc.constantFrom(...GIVEN), { minLength: 1, maxLength: 2 }))
  .map(([s, g]) => s + g.join(''));

const mobile = fc.tuple(fc.integer({ min: 3, max: 9 }), digits(9)).chain(([second, rest]) => {
  const n = `1${second}${rest}`;
  const [a, b, c] = [n.slice(0, 3), n.slice(3, 7), n.slice(7)];
  return fc.constantFrom(n, `${a} ${b} ${c}`, `${a}-${b}-${c}`, `+86 ${n}`, `+86${n}`, `(+86)${n}`, `0086${n}`, `+86-${a}-${b}-${c}`).map((written) => ({ written, core: n }));
});
const landline = fc
  .tuple(fc.oneof(digits(2), digits(3)).map((d) => `0${d.replace(/^0/, '1')}`), fc.oneof(digits(7), digits(8)).map((d) => d.replace(/^0/, '6')), fc.option(digits(3), { nil: undefined }))
  .chain(([area, local, ext]) => {
    const forms = [`${area}-${local}`, `${area}${local}`, `(${area})${local}`, `（${area}）${local}`, `${area} ${local}`];
    if (local.length === 8) forms.push(`${area}-${local.slice(0, 4)}-${local.slice(4)}`);
    return fc.constantFrom(...forms).map((f) => ({ written: ext ? `${f}转${ext}` : f, core: `${area}${local}` }));
  });
const idNumber = fc.oneof(
  fc.tuple(digits(17), fc.constantFrom(...'0123456789X')).map(([d, c]) => `${d.replace(/^0/, '1')}${c}`),
  digits(15).map((d) => d.replace(/^0/, '3')),
);
const room = fc
  .tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 33 }), fc.integer({ min: 1, max: 4 }))
  .chain(([b, u, floor, door]) => {
    const r = `${floor}0${door}`;
    return fc.constantFrom(`${b}号楼${u}单元${r}`, `${b}-${u}-${r}`, `${r}室`, `${b}栋${u}单元${r}`, `${b}号楼${r}`, `${b}号楼 ${u}单元 ${r}`).map((written) => ({ written, room: r, unitRoom: `${u}单元${r}` }));
  });

const ORDINARY = '2026年12月2日 09:30开会，第3项预算1500元，到会128户（本人120，委托8）/ 应到250户，需>125户。';
const HONORIFIC = ['同志', '女士', '先生', '阿姨', '大爷', '奶奶', '老师'];

/** No name may hide inside another, or inside the fixed words, or the property would test nothing honest. */
function apart(names: string[]): boolean {
  return names.every((a, i) => names.every((b, j) => i === j || !b.includes(a)) && !ORDINARY.includes(a) && !'主持人记录人提议人反映附议补充'.includes(a));
}

test('random minutes lose every phone, ID, room and unlisted name, keep the officers, and read the same elsewhere', () => {
  let masked = 0;
  fc.assert(
    fc.property(
      fc.uniqueArray(name, { minLength: 3, maxLength: 12 }).filter(apart),
      fc.array(fc.oneof(mobile, landline), { minLength: 1, maxLength: 6 }),
      fc.array(idNumber, { maxLength: 3 }),
      fc.array(room, { minLength: 1, maxLength: 4 }),
      fc.constantFrom(...HONORIFIC),
      (names, phones, ids, rooms, honorific) => {
        const [officer, mover, ...residents] = names;
        const listed = residents.slice(0, Math.ceil(residents.length / 2));
        const unlisted = residents.slice(listed.length);
        const lines = [
          `主持人${officer}，记录人${officer}。`,
          ORDINARY,
          ...listed.map((n, i) => `${n}（${rooms[i % rooms.length].written}，电话${phones[i % phones.length].written}）反映：楼道灯不亮。`),
          ...unlisted.map((n) => `${n}${honorific}补充情况。`),
          ...phones.map((p, i) => `联系方式${i + 1}：${p.written}。`),
          ...ids.map((id) => `身份证号${id}。`),
          ...rooms.map((r) => `住${r.written}的住户附议。`),
          `提议人${mover}。`,
        ];
        const r = redact(lines.join('\n'), { knownNames: [...listed, officer, mover], keepNames: [officer, mover] });
        const flat = r.text.replace(/[\s\-－()（）+]/g, '');
        for (const n of residents) expect(r.text).not.toContain(n);
        for (const p of phones) {
          expect(r.text).not.toContain(p.written);
          expect(flat).not.toContain(p.core);
        }
        for (const id of ids) expect(r.text).not.toContain(id);
        for (const rm of rooms) {
          expect(r.text).not.toContain(rm.written);
          expect(r.text).not.toContain(rm.unitRoom);
          expect(r.text).not.toContain(`${rm.room}室`);
        }
        expect(r.text).toContain(`主持人${officer}，记录人${officer}。`);
        expect(r.text).toContain(`提议人${mover}。`);
        expect(r.text).toContain(ORDINARY);
        expect(r.counts.phone).toBeGreaterThanOrEqual(phones.length);
        expect(r.counts.name).toBeGreaterThanOrEqual(residents.length);
        // Masking twice changes nothing more: nothing it wrote looks like personal data.
        expect(redact(r.text, { knownNames: [...listed, officer, mover], keepNames: [officer, mover] }).text).toBe(r.text);
        masked += r.counts.phone + r.counts.idNumber + r.counts.room + r.counts.name;
      },
    ),
    { numRuns: 300 },
  );
  expect(masked).toBeGreaterThan(300);
});
