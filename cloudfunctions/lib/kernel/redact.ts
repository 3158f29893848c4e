/**
 * Personal data out of anything published: the public minutes now, every 居务公开 item later.
 * Masks mainland mobile and landline numbers, ID numbers (18 digits with the X check, and the
 * old 15), room numbers (「3号楼2单元301」「3-2-301」「301室」), and names: every name it is told
 * of becomes surname + 某 (「王建国」→「王某」, 「欧阳建国」→「欧阳某」), and so does a name standing
 * before 同志/先生/阿姨… even when nobody said it was one. The names it is told to keep —
 * officers, movers, people who agreed to be named — stay as written.
 *
 * It errs towards masking: a resident's two-character name that is also a word is masked as
 * a word too. What it cannot know (a name it was not told of, with no honorific after it; a
 * bare 「301」) it leaves, which is why the public text is frozen at approval by a person
 * who read the preview. Dates, times, amounts, counts and item numbers are never touched:
 * numbers are matched whole, never inside a longer run of digits or letters.
 *
 * `findPersonalData` says where each finding is in the text as given, with what would replace
 * it — the 居务公开 gate makes each one a flag a reviewer decides, a notice's check lists them —
 * and, asked to, also finds counts under five (「3户」→「<5户」). `redact` is those findings
 * (counts under five aside) all replaced: the minutes need no review of each.
 */

export interface RedactOptions {
  /** People to mask wherever they appear (a community's members, a roll's names). */
  knownNames?: readonly string[];
  /** People who stay named: officers, movers, those who agreed. Wins over knownNames. */
  keepNames?: readonly string[];
  /** Exact strings never touched, such as a roll's hash printed for checking. */
  keepTokens?: readonly string[];
}

export interface RedactCounts {
  name: number;
  phone: number;
  idNumber: number;
  room: number;
}

export interface Redacted {
  text: string;
  counts: RedactCounts;
}

/** What stands in for a number that was taken out. */
export const MASK = '***';

/** 复姓 that keep both characters: 「欧阳某」, not 「欧某」. */
export const COMPOUND_SURNAMES: readonly string[] = [
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '轩辕', '令狐',
  '钟离', '闾丘', '端木', '西门', '南宫', '独孤', '百里', '呼延', '万俟', '澹台', '公冶', '太史', '申屠', '濮阳', '单于',
  '拓跋', '赫连', '左丘', '东郭', '司空', '淳于', '仲孙', '鲜于', '第五',
];

/**
 * Common surnames, for names nobody listed that stand before an honorific. Characters that
 * are more often a word than a surname (和、于、向、由、国、明…) are left out on purpose:
 * 「我和王先生」 must read 「我和王先生」, not 「我和某先生」.
 */
export const COMMON_SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤温康施牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿兰焦俞左柳甘祝包尚符舒阮柯纪梅童凌毕季裴霍涂苗谷盛曲翁冉骆蓝游辛靳管柴蒙鲍喻祁蒲滕屈饶牟艾尤穆卓缪简项芦麦褚娄窦戚岑景宫费卜冷晏席卫米柏瞿桂佟臧闵苟邬卞姬仇栾隋刁巫寇桑郎甄丛仲虞敖巩佘池麻苑迟邝鞠荆冀郁胥储栗燕楚鄢谌奚粟冼蔺闻厉郜阚帅屠朴禹漆巴卿狄晋芮扈晁雍辜裘亓邰杭逯茹嵇湛';

const SURNAMES = new Set(COMMON_SURNAMES);
/**
 * Surnames that are also everyday words: left out of the honorific guess, but a name the
 * caller lists that starts with one is a name (「文华」「于敏」「和平」).
 */
const WORD_SURNAMES = '和于向由国明文安海花云门相信元乐区南公利商边师干计初展强连应常全宁平时成都那但万华路车高关解单柏宗伊巴';
const LISTED_SURNAMES = new Set([...COMMON_SURNAMES, ...WORD_SURNAMES]);

/**
 * Whether a listed name is taken as one: three or more characters, or two starting with a
 * surname. A nickname that is an ordinary word (「居民」「幸福」) would otherwise mask every
 * 「全体居民」 of the text.
 */
function looksLikeName(n: string): boolean {
  if (!isHan(n[0])) return /[A-Za-z]/.test(n);
  return n.length >= 3 || LISTED_SURNAMES.has(n[0]);
}

/** Words after which the name before them is a person's: 「王建国同志」「刘秀英女士」. */
export const HONORIFICS: readonly string[] = ['同志', '女士', '先生', '阿姨', '大爷', '奶奶', '老师', '大妈', '大娘', '大姐', '大哥', '师傅', '爷爷', '叔叔', '伯伯', '阿婆'];

const HAN = /^\p{Script=Han}$/u;
const isHan = (ch: string) => HAN.test(ch);
const PRIVATE_USE = /[\uE000-\uF8FF]/g;

/** 「王建国」→「王某」, 「欧阳建国」→「欧阳某」; a name in other scripts → 「某」. */
export function maskName(name: string): string {
  const n = name.trim();
  if (!n || !isHan(n[0])) return '某';
  const compound = n.length >= 3 && COMPOUND_SURNAMES.some((s) => n.startsWith(s));
  return `${n.slice(0, compound ? 2 : 1)}某`;
}

/** Digits as people type them, ASCII or full-width. */
const D = '[0-9０-９]';
/** A number starts and ends at the edge of a run of digits, never inside one. */
const START = '(?<![0-9０-９+＋])';
const END = '(?![0-9０-９])';
const SEP = '[ \\u3000\\-－]';

/** An ID (or a bank card's 15–19 digits) never starts with 0: 「0086…」 is a phone. */
const ID_NUMBER = new RegExp(`${START}[1-9１-９](?:${D}{5}${SEP}?${D}{4}${SEP}?${D}{2}${SEP}?${D}{2}${SEP}?${D}{3}[0-9０-９Xx]|${D}{16}[0-9０-９Xx]|${D}{14,18})${END}`, 'g');

const COUNTRY = `(?:(?:[+＋]|00)86${SEP}?|[(（][+＋]?86[)）]${SEP}?)`;
const MOBILE = new RegExp(`(?:${COUNTRY}|${START}(?:86${SEP}?)?)[1１][3-9３-９]${D}(?:${SEP}?${D}{4}${SEP}?${D}{4})${END}`, 'g');
const LOCAL = `(?:${D}{7,8}|${D}{3,4}${SEP}${D}{4})`;
/** 「-123」「转123」「分机 123」; never a space alone, which would eat the 「12」 of 「12月」. */
const EXTENSION = `(?:[\\-－#]${D}{1,6}|(?:转|分机|ext\\.?|EXT\\.?)\\s?${D}{1,6})?`;
const LANDLINE = new RegExp(
  `(?:${START}(?:[(（][0０]${D}{2,3}[)）]${SEP}?|[0０]${D}{2,3}${SEP}?)|${COUNTRY}[1-9１-９]${D}{1,2}${SEP}?)${LOCAL}${EXTENSION}${END}`,
  'g',
);
/** A number with no area code counts as a phone only when the text says it is one. */
const CUED_LOCAL = new RegExp(`(电话|手机|座机|联系方式|联系电话|热线|Tel|TEL|tel)([：:\\s]{0,3})${D}{7,8}${END}`, 'g');

const BUILDING = `(?:${D}{1,3}|[A-Za-z]|[一二三四五六七八九十]{1,3})(?:号楼|栋|幢|座|号院)`;
const UNIT = `(?:${D}{1,2}|[一二三四五六七八九十]{1,2})单元`;
const ROOM = `${D}{3,4}`;
/** A room number not followed by what would make it a count, an amount or a floor. */
const NOT_A_COUNT = '(?![0-9０-９户人元名个位次项平米㎡%％万千百岁年月日天时分秒层楼]|号楼)';
const SPACE = '[ \\u3000]?';
const ROOM_SUFFIX = '(?:室|房|号房|号)?';
const ADDRESS = new RegExp(`(${BUILDING})${SPACE}(?:${UNIT}${SPACE})?${ROOM}${ROOM_SUFFIX}${NOT_A_COUNT}`, 'g');
const UNIT_ROOM = new RegExp(`${START}${UNIT}${SPACE}${ROOM}${ROOM_SUFFIX}${NOT_A_COUNT}`, 'g');
const DASHED = new RegExp(`${START}${D}{1,3}-${D}{1,2}-${D}{3,4}(?:室|房|号)?${END}`, 'g');
const ROOM_ONLY = new RegExp(`${START}${ROOM}(?:室|房间)`, 'g');
/** A masked room while the passes run (private use, never in the input), so only rooms lead a list of rooms. */
const ROOM_MARK = '\uF8FF';
/** 「3号楼101、102室」: the rooms listed after a masked one are rooms too. */
const LISTED_ROOM = new RegExp(`(${ROOM_MARK}[、，,和及与])${ROOM}${ROOM_SUFFIX}${NOT_A_COUNT}`, 'g');

function cleanNames(names: readonly string[] | undefined): string[] {
  return [...new Set((names ?? []).map((n) => n.trim().replace(PRIVATE_USE, '')).filter((n) => n.length >= 2 && !/^[0-9\s]+$/.test(n)))];
}

const isLetter = (ch: string | undefined) => !!ch && /[A-Za-z]/.test(ch);

/** What the finder reports: the kinds a publication must not carry as written. */
export type PersonalDataKind = 'name' | 'phone' | 'idNumber' | 'room' | 'smallCount';

/** One piece of personal data in the text as given: `text.slice(start, end) === text`. */
export interface Finding {
  kind: PersonalDataKind;
  start: number;
  end: number;
  text: string;
  /** What replaces it when masked: 「王某」, 「***」, 「<5」. */
  suggestion: string;
}

export interface FindOptions extends RedactOptions {
  /** Also report counts under five (「3户」「2人」): the 居务公开 gate does, minutes do not. */
  smallCounts?: boolean;
}

/**
 * A count under five before what it counts; not part of a longer number, a decimal or an
 * ordinal (「第3户」), nor a tally — a quorum line (「应到3人，到会3人，需≥2人」) or a vote
 * (「同意3户」) is the record itself, and says who was counted no more than 「3票」 does.
 */
const TALLY = '(?:应到|实到|到会|出席|列席|缺席|需|≥|>|＞|同意|赞成|反对|弃权|委托|本人|投票|有效|无效)[：:\\s]{0,2}';
const SMALL_COUNT_RE = new RegExp(`(?<![0-9０-９.．第\\uE000-\\uF8FF])(?<!${TALLY})[1-4１-４](?=[户人名位家])`, 'g');
/**
 * Written out (「共三户」「仅两人」) only after a word that makes it a count: 「一户一档」「一人
 * 一票」「三人行」 are ways of speaking, not how many.
 */
const SMALL_COUNT_WORD_RE = /(?<=(?:共|计|仅|只有|只|涉及|等|另有|其中)[有]?)[一二两三四](?=[户人名位家])/g;
export const SMALL_COUNT_TEXT = '<5';

/**
 * While the passes run, what was already found (or kept) is overwritten in a working copy by
 * private-use characters of the same length: positions stay those of the text as given, and
 * later passes see a non-digit, non-Han character where a number or a name was — as they
 * would see 「***」 or 「王某」 in the masked text.
 */
const KEPT = '\uE000';
const NUMBER = '\uE001';
const NAME = '\uE002';

class WorkingCopy {
  text: string;
  readonly findings: Finding[] = [];
  constructor(private readonly original: string) {
    // Private-use characters of the input would be taken for the markers: they count as nothing.
    this.text = original.replace(PRIVATE_USE, '\u0000');
  }
  fill(start: number, end: number, marker: string): void {
    this.text = this.text.slice(0, start) + marker.repeat(end - start) + this.text.slice(end);
  }
  found(kind: PersonalDataKind, start: number, end: number, suggestion: string, marker: string): void {
    this.findings.push({ kind, start, end, text: this.original.slice(start, end), suggestion });
    this.fill(start, end, marker);
  }
  /** Every match of `re` on the copy as it stands; `lead` tells how much of a match is context, not data. */
  pass(re: RegExp, kind: PersonalDataKind, marker: string, lead: (m: RegExpMatchArray) => number = () => 0): number {
    const matches = [...this.text.matchAll(re)];
    for (const m of matches) {
      const start = m.index + lead(m);
      const end = m.index + m[0].length;
      this.found(kind, start, end, kind === 'smallCount' ? SMALL_COUNT_TEXT : MASK, marker);
    }
    return matches.length;
  }
}

/**
 * Where the personal data is, in the order of the text. The spans never overlap; replacing
 * each by its suggestion gives exactly what `redact` returns.
 */
export function findPersonalData(text: string, options: FindOptions = {}): Finding[] {
  const w = new WorkingCopy(text);
  for (const token of new Set((options.keepTokens ?? []).map((t) => t.replace(PRIVATE_USE, '')).filter((t) => t.length > 0))) {
    for (let at = w.text.indexOf(token); at >= 0; at = w.text.indexOf(token, at + token.length)) w.fill(at, at + token.length, KEPT);
  }

  w.pass(ID_NUMBER, 'idNumber', NUMBER);
  w.pass(MOBILE, 'phone', NUMBER);
  w.pass(LANDLINE, 'phone', NUMBER);
  w.pass(CUED_LOCAL, 'phone', NUMBER, (m) => m[1].length + m[2].length);

  w.pass(ADDRESS, 'room', ROOM_MARK, (m) => m[1].length);
  w.pass(UNIT_ROOM, 'room', ROOM_MARK);
  w.pass(DASHED, 'room', ROOM_MARK);
  w.pass(ROOM_ONLY, 'room', ROOM_MARK);
  while (w.pass(LISTED_ROOM, 'room', ROOM_MARK, (m) => m[1].length) > 0);

  findNames(w, options);
  findBeforeHonorifics(w);
  if (options.smallCounts) {
    w.pass(SMALL_COUNT_RE, 'smallCount', NUMBER);
    w.pass(SMALL_COUNT_WORD_RE, 'smallCount', NUMBER);
  }
  return w.findings.sort((a, b) => a.start - b.start);
}

/** The text with each finding replaced by its suggestion (findings as `findPersonalData` gives them: sorted, apart). */
export function applyFindings(text: string, findings: readonly Pick<Finding, 'start' | 'end' | 'suggestion'>[]): string {
  let out = '';
  let at = 0;
  for (const f of findings) {
    out += text.slice(at, f.start) + f.suggestion;
    at = f.end;
  }
  return out + text.slice(at);
}

export function redact(text: string, options: RedactOptions = {}): Redacted {
  const findings = findPersonalData(text, { ...options, smallCounts: false });
  const counts: RedactCounts = { name: 0, phone: 0, idNumber: 0, room: 0 };
  for (const f of findings) if (f.kind !== 'smallCount') counts[f.kind]++;
  return { text: applyFindings(text, findings).replace(PRIVATE_USE, ''), counts };
}

/**
 * Names: one scan, the longest name at each position wins whichever list it is on, so a kept
 * 「王建国」 is never cut by a masked 「王建」 and a masked 「王建国」 never by a kept 「王建」.
 */
function findNames(w: WorkingCopy, options: RedactOptions): void {
  const keep = cleanNames(options.keepNames);
  const keepSet = new Set(keep);
  const byName = new Map<string, 'keep' | 'mask'>();
  for (const n of cleanNames(options.knownNames)) if (!keepSet.has(n) && looksLikeName(n)) byName.set(n, 'mask');
  for (const n of keep) byName.set(n, 'keep');
  const lengths = [...new Set([...byName.keys()].map((n) => n.length))].sort((a, b) => b - a);
  if (lengths.length === 0) return;
  const s = w.text;
  for (let i = 0; i < s.length; ) {
    let hit: string | undefined;
    for (const len of lengths) {
      const candidate = s.slice(i, i + len);
      if (candidate.length !== len || !byName.has(candidate)) continue;
      // A latin name is a whole word, never a piece of one.
      if (/^[A-Za-z]/.test(candidate) && (isLetter(s[i - 1]) || isLetter(s[i + len]))) continue;
      hit = candidate;
      break;
    }
    if (!hit) {
      i++;
      continue;
    }
    if (byName.get(hit) === 'keep') w.fill(i, i + hit.length, KEPT);
    else w.found('name', i, i + hit.length, maskName(hit), NAME);
    i += hit.length;
  }
}

/**
 * 「王建国同志」→「王某同志」: one or two given-name characters between a surname and an
 * honorific go. A bare surname (「刘阿姨」) stays: it is what 「刘某」 would say anyway.
 */
function findBeforeHonorifics(w: WorkingCopy): void {
  const chars = [...w.text];
  // Where each character starts in UTF-16 units: a rare name character outside the BMP is two.
  const offsets: number[] = [];
  let o = 0;
  for (const ch of chars) {
    offsets.push(o);
    o += ch.length;
  }
  offsets.push(o);
  const drop = new Set<number>();
  const givenOk = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (!isHan(chars[k]) || drop.has(k) || chars[k] === '某') return false;
    return true;
  };
  const names: Array<[number, number, number]> = [];
  for (let p = 0; p < chars.length; p++) {
    const honorific = HONORIFICS.find((h) => chars.slice(p, p + h.length).join('') === h);
    if (!honorific) continue;
    // Compound surname with two or one given characters, then a single one with two or one.
    const candidates: Array<[number, number]> = [[p - 4, 2], [p - 3, 2], [p - 3, 1], [p - 2, 1]];
    for (const [start, surnameLen] of candidates) {
      if (start < 0) continue;
      const surname = chars.slice(start, start + surnameLen).join('');
      const isSurname = surnameLen === 2 ? COMPOUND_SURNAMES.includes(surname) : SURNAMES.has(surname);
      if (!isSurname || !givenOk(start + surnameLen, p)) continue;
      for (let k = start + surnameLen; k < p; k++) drop.add(k);
      names.push([start, surnameLen, p]);
      break;
    }
    p += honorific.length - 1;
  }
  for (const [start, surnameLen, p] of names) {
    const surname = chars.slice(start, start + surnameLen).join('');
    w.found('name', offsets[start], offsets[p], `${surname}某`, NAME);
  }
}
