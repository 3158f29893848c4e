import {
  estimateWidth,
  paintPoster,
  POSTER,
  posterLayout,
  posterTarget,
  posterUrl,
  wrap,
  type PosterCanvas,
  type PosterLayout,
  type PosterText,
} from '../../../miniprogram/services/disclosure-poster';
import qrcode from 'qrcode-generator';
import { qrModules, setQrEncoder } from '../../../miniprogram/services/certificate-image';
import { corrected, item, NOW, question, version } from '../pages/disclosure/fixtures';

// On the device the encoder is fetched from its subpackage (qrReady); here it is at hand.
setQrEncoder(qrcode);

const MARGIN = 120;
const lines = (l: PosterLayout) => l.texts.map((t) => t.text);
const left = (t: PosterText) => (t.align === 'left' ? t.x : t.align === 'right' ? t.x - estimateWidth(t.text, t.size, t.bold) : t.x - estimateWidth(t.text, t.size, t.bold) / 2);
const right = (t: PosterText) => left(t) + estimateWidth(t.text, t.size, t.bold);

function expectOnSheet(l: PosterLayout) {
  for (const t of l.texts) {
    expect(left(t)).toBeGreaterThanOrEqual(MARGIN - 0.5);
    expect(right(t)).toBeLessThanOrEqual(POSTER.width - MARGIN + 0.5);
    expect(t.y).toBeGreaterThanOrEqual(MARGIN);
    expect(t.y + t.size).toBeLessThanOrEqual(POSTER.height - MARGIN);
  }
  // Nothing is printed over the QR.
  const q = l.qr;
  for (const t of l.texts) {
    const overlaps = right(t) > q.x && left(t) < q.x + q.size && t.y + t.size > q.y && t.y < q.y + q.size;
    expect(overlaps).toBe(false);
  }
}

/** The content lines above the footer rule (the last rect is that rule). */
const contentLines = (l: PosterLayout) => {
  const footerTop = l.rects[l.rects.length - 1].y;
  return l.texts.filter((t) => t.y < footerTop).map((t) => t.text);
};

describe('a finance item on A3', () => {
  const layout = posterLayout(item(), { communityName: '幸福里社区', now: NOW });

  it('is an A3 sheet at 150 dpi', () => {
    expect([layout.width, layout.height]).toEqual([1754, 2480]);
    expect(POSTER.dpi).toBe(150);
    // A3 is 297 × 420 mm.
    expect(Math.round((layout.width / 150) * 25.4)).toBe(297);
    expect(Math.round((layout.height / 150) * 25.4)).toBe(420);
  });

  it('carries the heading, the title, period, version and date, the body and every line of the table with its totals', () => {
    const text = lines(layout);
    expect(text.slice(0, 3)).toEqual(['幸福里社区', '居务公开', '财务收支']);
    expect(text).toContain('2026年第三季度财务收支');
    expect(text).toContain('2026年第三季度　第1版　2026年10月12日公开');
    expect(text).toContain('本季度收支情况如下，原始凭证在社区居委会可查阅。');
    const pairs = layout.texts.flatMap((t, i) => (t.align === 'right' ? [`${layout.texts[i - 1].text} ${t.text}`] : []));
    expect(pairs).toEqual([
      '期初余额 12,500.00元',
      '公益性岗位补贴 3,600.00元',
      '停车位租金（7月至9月） 1,280.50元',
      '收入合计 4,880.50元',
      '楼道照明维修（3号楼、4号楼） 860.00元',
      '绿化养护 1,500.00元',
      '支出合计 2,360.00元',
      '期末余额 15,020.50元',
    ]);
    expect(text.join('')).toContain('期初12,500.00元 + 收入4,880.50元 − 支出2,360.00元 = 15,020.50元，与期末余额一致');
    expect(layout.truncated).toBe(false);
  });

  it('has a QR that opens this version of the item, and says what scanning shows', () => {
    const url = posterUrl('ditem_fin3', 1);
    expect(layout.qr.url).toBe(url);
    expect(layout.qr.modules).toEqual(qrModules(url));
    expect(posterTarget({ q: encodeURIComponent(url) })).toEqual({ itemId: 'ditem_fin3', version: 1, scanned: true });
    expect(lines(layout).join('')).toContain('本项公开的历次版本（是否已更正）、监督委员会意见和居民提问');
    expect(lines(layout)).toContain('第1版　打印于2026年10月20日');
  });

  it('keeps every line inside the margins and off the QR, and prints no internal id', () => {
    expectOnSheet(layout);
    expect(lines(layout).join('\n')).not.toContain('ditem');
  });
});

describe('a corrected item', () => {
  it('prints the correction reason on the current version', () => {
    const l = posterLayout(corrected(2), { communityName: '', now: NOW });
    expect(lines(l)).toContain('更正原因：停车位租金少记了一个月，已补上');
    expect(lines(l)).toContain('2026年第三季度　第2版　2026年10月18日公开');
    expect(l.qr.url).toBe(posterUrl('ditem_fin3', 2));
    // No community name: the sheet starts with its heading.
    expect(lines(l)[0]).toBe('居务公开');
  });

  it('says on a superseded version that it has been corrected', () => {
    const l = posterLayout(corrected(1), { communityName: '', now: NOW });
    expect(lines(l).join('')).toContain('本版本已被第2版更正，请扫码查看现行版本');
    expect(l.qr.url).toBe(posterUrl('ditem_fin3', 1));
  });
});

describe('an item the committee objects to', () => {
  it('prints the banner on a tint', () => {
    const banner = '居务监督委员会对本项公开有异议，社区正在答复';
    const l = posterLayout(item({ objectionBanner: banner }), { communityName: '', now: NOW });
    const line = l.texts.find((t) => t.text === banner);
    expect(line?.color).toBe('#b22222');
    expect(l.rects.some((r) => r.color === '#fdecec' && line && r.y <= line.y && r.y + r.h >= line.y + line.size)).toBe(true);
  });
});

describe('a relief item published as counts only', () => {
  it('prints the programme, the count as <5 and the total, and no name', () => {
    const l = posterLayout(
      item({
        categoryLabel: '救助与补贴款物',
        shown: version({
          title: '2026年9月临时救助发放',
          finance: null,
          financeText: null,
          body: '',
          relief: { programme: '临时救助', form: 'count', formLabel: '只公开人数和金额', countText: '<5', totalFen: 300_000, rows: [] },
        }),
      }),
      { communityName: '', now: NOW },
    );
    const text = lines(l);
    expect(text).toContain('临时救助');
    expect(text).toContain('公开方式：只公开人数和金额');
    expect(text).toContain('受助人数：<5　合计');
    expect(text).toContain('3,000.00元');
    expectOnSheet(l);
  });
});

describe('an item longer than the sheet', () => {
  it('lets the body give way, keeps the whole table, and says to scan for the rest', () => {
    const body = '社区对本季度的每一笔支出都进行了核对，原始凭证可在居委会查阅。'.repeat(60);
    const l = posterLayout(item({ shown: version({ body }) }), { communityName: '幸福里社区', now: NOW });
    expect(l.truncated).toBe(true);
    const content = contentLines(l);
    expect(content).toContain('……内容较长，全文请扫码查看');
    expect(content).toContain('期末余额');
    expect(content).toContain('绿化养护');
    expectOnSheet(l);
  });

  it('cuts a table too long for any sheet at the footer', () => {
    const many = Array.from({ length: 100 }, (_, i) => ({ label: `支出第${i + 1}项`, amountFen: 100 }));
    const t = { openingFen: 10_000, income: [], expense: many, closingFen: 0 };
    const l = posterLayout(item({ shown: version({ body: '', finance: t, financeText: '…' }) }), { communityName: '', now: NOW });
    expect(l.truncated).toBe(true);
    const content = contentLines(l);
    expect(content[content.length - 1]).toBe('……内容较长，全文请扫码查看');
    expect(content).not.toContain('支出第100项');
    expectOnSheet(l);
  });

  it('ignores what the page does not print: questions and the draft', () => {
    const l = posterLayout(item({ questions: [question()] }), { communityName: '', now: NOW });
    expect(lines(l).join('')).not.toContain('绿化养护1500元是哪几处');
  });
});

describe('line breaking', () => {
  it('never starts a line with closing punctuation', () => {
    const out = wrap('一二三四五，六七八九十。', 10, false, 50, estimateWidth);
    expect(out).toEqual(['一二三四五，', '六七八九十。']);
    expect(wrap('甲\n\n乙', 10, false, 100, estimateWidth)).toEqual(['甲', '乙']);
  });

  it('refuses to print an item never published', () => {
    expect(() => posterLayout(item({ shown: null }), { communityName: '', now: NOW })).toThrow();
  });
});

describe('opening the item page', () => {
  it('reads the app’s own links and messages, and refuses what names no item', () => {
    expect(posterTarget({ itemId: 'ditem_fin3' })).toEqual({ itemId: 'ditem_fin3', version: undefined, scanned: false });
    expect(posterTarget({ itemId: 'ditem_fin3', version: '2' })).toEqual({ itemId: 'ditem_fin3', version: 2, scanned: false });
    // An inbox message (a question answered, an item to opine on) opens it with `id`.
    expect(posterTarget({ id: 'ditem_fin3' })).toEqual({ itemId: 'ditem_fin3', version: undefined, scanned: false });
    expect(posterTarget({ q: encodeURIComponent('https://example.cn/other') })).toBeNull();
    expect(posterTarget({})).toBeNull();
  });
});

describe('painting', () => {
  it('paints every line with its font and alignment, and every dark module of the QR', () => {
    const layout = posterLayout(item(), { communityName: '幸福里社区', now: NOW });
    const texts: Array<{ text: string; font: string; align: string }> = [];
    const rects: number[][] = [];
    const ctx: PosterCanvas = {
      fillStyle: '',
      font: '',
      textAlign: '',
      textBaseline: '',
      fillRect: (x, y, w, h) => rects.push([x, y, w, h]),
      fillText(text) {
        texts.push({ text, font: this.font, align: this.textAlign });
      },
      measureText: (t) => ({ width: estimateWidth(t, 10, false) }),
    };
    paintPoster(ctx, layout);
    expect(texts.map((t) => t.text)).toEqual(lines(layout));
    expect(texts[1]).toEqual({ text: '居务公开', font: 'bold 120px sans-serif', align: 'center' });
    expect(ctx.textBaseline).toBe('top');
    const dark = layout.qr.modules.flat().filter((d) => d).length;
    // The sheet, each rule and tint, then one square per dark module.
    expect(rects.length).toBe(1 + layout.rects.length + dark);
    expect(rects[0]).toEqual([0, 0, 1754, 2480]);
    const qrSquares = rects.slice(1 + layout.rects.length);
    for (const [x, y, w] of qrSquares) {
      expect(x).toBeGreaterThanOrEqual(layout.qr.x);
      expect(y).toBeGreaterThanOrEqual(layout.qr.y);
      expect(x + w).toBeLessThanOrEqual(layout.qr.x + layout.qr.size);
      expect(w).toBeGreaterThanOrEqual(8);
    }
  });
});
