/**
 * 公开栏海报: one published version of a 居务公开 item as an A3 sheet for the physical board,
 * with a QR that opens the same version in the app, where its history shows whether it has
 * been corrected since. Laid out here, line by line, without a canvas (so the content and
 * the fit are tested); the item page only paints what this returns.
 *
 * Size: A3 at 150 dpi, 1754 × 2480 px. A 公开栏 sheet is read from a step or two away, so
 * 150 dpi prints its smallest line (36 px ≈ 6 mm) and the QR's modules (≈ 10 px ≈ 1.7 mm)
 * sharply; 300 dpi (2480 × 3508) would add nothing a reader sees and needs twice the canvas
 * memory (35 MB instead of 17 MB), which older phones refuse or crash on.
 */
import type { ItemView, VersionView } from '../core/disclosure/contract';
import { reconcile, yuanText, type FinanceLine } from '../core/disclosure/finance';
import { DEFAULT_ANSWER_DAYS } from '../core/disclosure/vocabulary';
import { qrModules } from './certificate-image';

export const POSTER = { width: 1754, height: 2480, dpi: 150 } as const;

const MARGIN = 120;
const CONTENT_W = POSTER.width - 2 * MARGIN;
const QR_SIZE = 440;
/** The footer (QR and what it is for) keeps this much of the sheet's bottom, above the margin. */
const FOOTER_H = QR_SIZE + 80;
const FOOTER_TOP = POSTER.height - MARGIN - FOOTER_H;

const INK = '#111111';
const GREY = '#444444';
const RED = '#b22222';

/**
 * What the QR encodes: an address WeChat opens the item page with once the mini-program's
 * 「扫普通链接二维码打开小程序」 rule names this prefix (as for the certificates' QR).
 */
export const POSTER_URL_BASE = 'https://linli.example.cn/disclosure-item';

export function posterUrl(itemId: string, versionNumber: number): string {
  return `${POSTER_URL_BASE}?i=${encodeURIComponent(itemId)}&v=${versionNumber}`;
}

/**
 * The item (and version) a page is opened for: from a scanned poster (`q`, the URL WeChat
 * passes), from the app's own links (`itemId`, `version`) or from an inbox message (`id`,
 * disclosure/notices.ts). Null when none names one.
 */
export function posterTarget(options: { q?: string; itemId?: string; id?: string; version?: string }): { itemId: string; version?: number; scanned: boolean } | null {
  if (options.q) {
    const url = decodeURIComponent(options.q);
    const m = /[?&]i=([^&#]+)(?:&v=(\d+))?/.exec(url);
    if (!m) return null;
    return { itemId: decodeURIComponent(m[1]), version: m[2] ? Number(m[2]) : undefined, scanned: true };
  }
  const named = options.itemId ?? options.id;
  if (!named) return null;
  const itemId = decodeURIComponent(named);
  const version = options.version && /^\d+$/.test(options.version) ? Number(options.version) : undefined;
  return { itemId, version, scanned: false };
}

/** Width of `text` in px at `size` (bold or not): the page passes its canvas's measureText. */
export type Measure = (text: string, size: number, bold: boolean) => number;

/**
 * Without a canvas: CJK and full-width characters one em, the rest 0.6 em (wider than most
 * fonts' digits and letters, so a line laid out with it never runs past the margin).
 */
export const estimateWidth: Measure = (text, size, bold) => {
  let em = 0;
  for (const ch of text) em += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.6;
  return em * size * (bold ? 1.04 : 1);
};

export interface PosterText {
  text: string;
  /** Left edge, centre or right edge, as `align` says. */
  x: number;
  /** Top of the line (the page draws with textBaseline 'top'). */
  y: number;
  size: number;
  bold: boolean;
  align: 'left' | 'center' | 'right';
  color: string;
}

export interface PosterRect {
  x: number;
  y: number;
  w: number;
  h: number;
  color: string;
}

export interface PosterLayout {
  width: number;
  height: number;
  texts: PosterText[];
  /** Rules and the objection banner's tint, painted before the texts. */
  rects: PosterRect[];
  qr: { url: string; modules: boolean[][]; x: number; y: number; size: number };
  /** Some of the item did not fit: the last line says to scan for the rest. */
  truncated: boolean;
}

type Cell = Omit<PosterText, 'y'>;
interface Row {
  height: number;
  cells: Cell[];
  /** A tint behind the row (the objection banner) or a rule under it. */
  fill?: string;
  rule?: { color: string; thickness: number };
  /** Body text: the first to give way when the sheet is full. */
  body?: boolean;
}

const lineHeight = (size: number) => Math.round(size * 1.45);

/**
 * Greedy line breaking for Chinese: any character may start a line except closing
 * punctuation, which hangs at the end of the line before rather than start the next one.
 */
export function wrap(text: string, size: number, bold: boolean, maxWidth: number, measure: Measure): string[] {
  const out: string[] = [];
  for (const paragraph of text.replace(/\r/g, '').split('\n')) {
    const chars = [...paragraph.trim()];
    if (chars.length === 0) continue;
    let line = '';
    for (const ch of chars) {
      if (line !== '' && measure(line + ch, size, bold) > maxWidth && !/[，。、；：？！）》」』”’,.;:?!)]/.test(ch)) {
        out.push(line);
        line = '';
      }
      line += ch;
    }
    if (line !== '') out.push(line);
  }
  return out;
}

/** Cuts `text` to `maxWidth` with an ellipsis, for a table row's label beside its amount. */
function fit(text: string, size: number, bold: boolean, maxWidth: number, measure: Measure): string {
  if (measure(text, size, bold) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 0 && measure(`${chars.join('')}…`, size, bold) > maxWidth) chars.pop();
  return `${chars.join('')}…`;
}

/** 「2026年10月12日」 in China time: a sheet on a wall has no 「今天」. */
export function chinaDate(instant: number): string {
  const d = new Date(instant + 8 * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

function textRows(text: string, size: number, opts: { bold?: boolean; color?: string; indent?: number; body?: boolean; width?: number }, measure: Measure): Row[] {
  const bold = opts.bold ?? false;
  const x = MARGIN + (opts.indent ?? 0);
  return wrap(text, size, bold, (opts.width ?? CONTENT_W) - (opts.indent ?? 0), measure).map((line) => ({
    height: lineHeight(size),
    cells: [{ text: line, x, size, bold, align: 'left' as const, color: opts.color ?? INK }],
    body: opts.body,
  }));
}

/** A table row: the label on the left (cut to fit), the amount right-aligned. */
function amountRow(label: string, fen: number, size: number, bold: boolean, indent: number, measure: Measure): Row {
  const amount = yuanText(fen);
  const room = CONTENT_W - indent - measure(amount, size, bold) - 48;
  return {
    height: lineHeight(size),
    cells: [
      { text: fit(label, size, bold, room, measure), x: MARGIN + indent, size, bold, align: 'left', color: INK },
      { text: amount, x: POSTER.width - MARGIN, size, bold, align: 'right', color: INK },
    ],
  };
}

const gap = (height: number): Row => ({ height, cells: [] });
const rule = (color: string, thickness: number): Row => ({ height: thickness + 24, cells: [], rule: { color, thickness } });

function financeRows(v: VersionView, measure: Measure): Row[] {
  const t = v.finance;
  if (!t) return [];
  const r = reconcile(t);
  const lines = (items: FinanceLine[]) => items.map((l) => amountRow(l.note ? `${l.label}（${l.note}）` : l.label, l.amountFen, 42, false, 48, measure));
  return [
    gap(24),
    ...textRows('收支明细', 52, { bold: true }, measure),
    rule(INK, 3),
    amountRow('期初余额', t.openingFen, 44, true, 0, measure),
    ...textRows('收入', 44, { bold: true }, measure),
    ...lines(t.income),
    amountRow('收入合计', r.incomeFen, 44, true, 48, measure),
    ...textRows('支出', 44, { bold: true }, measure),
    ...lines(t.expense),
    amountRow('支出合计', r.expenseFen, 44, true, 48, measure),
    amountRow('期末余额', t.closingFen, 44, true, 0, measure),
    rule(INK, 3),
    ...textRows(v.financeText ?? '', 38, { color: GREY }, measure),
  ];
}

function reliefRows(v: VersionView, measure: Measure): Row[] {
  const r = v.relief;
  if (!r) return [];
  return [
    gap(24),
    ...textRows(r.programme, 52, { bold: true }, measure),
    rule(INK, 3),
    ...textRows(`公开方式：${r.formLabel}`, 40, { color: GREY }, measure),
    amountRow(`受助人数：${r.countText}　合计`, r.totalFen, 44, true, 0, measure),
    ...r.rows.map((row) => amountRow([row.recipient, row.buildingName].filter((x) => x).join('　') || '受助人', row.amountFen, 42, false, 48, measure)),
    rule(INK, 3),
  ];
}

/**
 * The sheet for the item's shown version. The header names the community and the category,
 * then the title, period, version and date, a correction's reason, an open objection, the
 * body, the finance and relief tables; the footer holds the QR. When the item is longer than
 * the sheet, the body gives way first and the last line says to scan for the full text.
 */
export function posterLayout(item: ItemView, opts: { communityName: string; now: number; measure?: Measure }): PosterLayout {
  const v = item.shown;
  if (!v) throw new Error('only a published version can be printed');
  const measure = opts.measure ?? estimateWidth;
  const centre = (text: string, size: number, bold: boolean, color: string): Row => ({
    height: lineHeight(size),
    cells: [{ text: fit(text, size, bold, CONTENT_W, measure), x: POSTER.width / 2, size, bold, align: 'center', color }],
  });

  const head: Row[] = [
    ...(opts.communityName ? [centre(opts.communityName, 52, false, INK)] : []),
    centre('居务公开', 120, true, RED),
    centre(item.categoryLabel, 52, false, INK),
    gap(8),
    rule(RED, 8),
    gap(16),
    ...textRows(v.title, 76, { bold: true }, measure),
    ...textRows([v.periodLabel, `第${v.number}版`, `${chinaDate(v.publishedAt)}公开`].filter((x) => x).join('　'), 40, { color: GREY }, measure),
  ];
  const later = item.versions.filter((e) => e.number > v.number).map((e) => e.number);
  const notes: Row[] = [
    gap(12),
    ...(v.superseded ? textRows(`本版本已被第${later.length > 0 ? Math.min(...later) : v.number + 1}版更正，请扫码查看现行版本`, 44, { bold: true, color: RED }, measure) : []),
    ...(v.reason ? textRows(`更正原因：${v.reason}`, 40, {}, measure) : []),
    ...(item.objectionBanner ? textRows(item.objectionBanner, 44, { bold: true, color: RED, indent: 24, width: CONTENT_W - 24 }, measure).map((r) => ({ ...r, fill: '#fdecec' })) : []),
  ];
  const body = v.body ? [gap(16), ...textRows(v.body, 46, { body: true }, measure)] : [];
  const tables = [...financeRows(v, measure), ...reliefRows(v, measure)];

  const more = textRows('……内容较长，全文请扫码查看', 42, { bold: true, color: RED }, measure);
  const top = MARGIN;
  const room = FOOTER_TOP - 24 - top;
  const height = (rows: Row[]) => rows.reduce((s, r) => s + r.height, 0);
  let rows = [...head, ...notes, ...body, ...tables];
  let truncated = false;
  if (height(rows) > room) {
    truncated = true;
    // The body gives way first: the figures are what a 公开栏 reader checks.
    const fixed = height([...head, ...notes, ...tables]) + height(more);
    const bodyRoom = room - fixed;
    const kept: Row[] = [];
    let used = 0;
    for (const r of body) {
      if (used + r.height > bodyRoom) break;
      kept.push(r);
      used += r.height;
    }
    rows = [...head, ...notes, ...kept, ...(kept.some((r) => r.body) ? more : []), ...tables];
    // Even without a body it does not fit (a table of a hundred lines): cut at the footer.
    if (height(rows) > room) {
      const cut: Row[] = [];
      let h = height(more);
      for (const r of rows) {
        if (h + r.height > room) break;
        cut.push(r);
        h += r.height;
      }
      rows = [...cut, ...more];
    } else if (!kept.some((r) => r.body)) {
      rows = [...rows, ...more];
    }
  }

  const texts: PosterText[] = [];
  const rects: PosterRect[] = [];
  let y = top;
  for (const r of rows) {
    if (r.fill) rects.push({ x: MARGIN, y, w: CONTENT_W, h: r.height, color: r.fill });
    if (r.rule) rects.push({ x: MARGIN, y: y + 12, w: CONTENT_W, h: r.rule.thickness, color: r.rule.color });
    const pad = Math.round((r.height - (r.cells[0]?.size ?? 0)) / 2);
    for (const c of r.cells) texts.push({ ...c, y: y + pad });
    y += r.height;
  }

  // Footer: a rule, what the QR is for on the left, the QR bottom right.
  rects.push({ x: MARGIN, y: FOOTER_TOP, w: CONTENT_W, h: 4, color: INK });
  const qrX = POSTER.width - MARGIN - QR_SIZE;
  const qrY = POSTER.height - MARGIN - QR_SIZE;
  const leftW = qrX - 60 - MARGIN;
  let fy = FOOTER_TOP + 56;
  const footer = (text: string, size: number, bold: boolean, color: string) => {
    for (const line of wrap(text, size, bold, leftW, measure)) {
      texts.push({ text: line, x: MARGIN, y: fy, size, bold, align: 'left', color });
      fy += lineHeight(size);
    }
    fy += 16;
  };
  footer('微信扫码查看', 60, true, INK);
  footer('本项公开的历次版本（是否已更正）、监督委员会意见和居民提问', 42, false, INK);
  footer(`对本项有疑问，可扫码向社区提问，社区须在${DEFAULT_ANSWER_DAYS}日内答复`, 42, false, INK);
  footer(`第${v.number}版　打印于${chinaDate(opts.now)}`, 36, false, GREY);

  const url = posterUrl(item.itemId, v.number);
  return { width: POSTER.width, height: POSTER.height, texts, rects, qr: { url, modules: qrModules(url), x: qrX, y: qrY, size: QR_SIZE }, truncated };
}

/** The few canvas calls the poster needs (a 2d context has them all). */
export interface PosterCanvas {
  fillStyle: unknown;
  font: string;
  textAlign: string;
  textBaseline: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  measureText(text: string): { width: number };
}

export const fontOf = (size: number, bold: boolean): string => `${bold ? 'bold ' : ''}${size}px sans-serif`;

/** Measures with the canvas's own font, so lines break where the painted text really ends. */
export function canvasMeasure(ctx: PosterCanvas): Measure {
  return (text, size, bold) => {
    ctx.font = fontOf(size, bold);
    return ctx.measureText(text).width;
  };
}

/** Paints a layout: white sheet, rules and tints, the lines, the QR with a quiet zone of 4 modules. */
export function paintPoster(ctx: PosterCanvas, layout: PosterLayout): void {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, layout.width, layout.height);
  for (const r of layout.rects) {
    ctx.fillStyle = r.color;
    ctx.fillRect(r.x, r.y, r.w, r.h);
  }
  ctx.textBaseline = 'top';
  for (const t of layout.texts) {
    ctx.fillStyle = t.color;
    ctx.font = fontOf(t.size, t.bold);
    ctx.textAlign = t.align;
    ctx.fillText(t.text, t.x, t.y);
  }
  const { modules, x, y, size } = layout.qr;
  const cell = Math.floor(size / (modules.length + 8));
  const offset = Math.floor((size - cell * modules.length) / 2);
  ctx.fillStyle = '#000000';
  modules.forEach((row, i) => row.forEach((dark, j) => { if (dark) ctx.fillRect(x + offset + j * cell, y + offset + i * cell, cell, cell); }));
}
