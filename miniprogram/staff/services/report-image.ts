/**
 * 分享图片: an issued monthly report as one long image to send into a chat (a work group, the
 * subdistrict). Laid out here, line by line, without a canvas, as the 公开栏 poster is
 * (services/disclosure-poster.ts, whose wrapping, measuring and painting it shares); the page
 * only paints what this returns.
 *
 * 1080 px wide: a chat shows an image at the phone's width, and 1080 is what WeChat keeps
 * when it compresses one, so nothing is scaled twice. The height follows the content up to
 * MAX_HEIGHT (canvas memory on older phones); past it the last line says to open the report.
 */
import type { ReportView } from '../../core/report/contract';
import { chinaDate, estimateWidth, wrap, type Measure, type PosterLayout, type PosterRect, type PosterText } from '../../services/disclosure-poster';

export const REPORT_IMAGE_WIDTH = 1080;
export const MAX_HEIGHT = 6000;

const MARGIN = 48;
const CONTENT_W = REPORT_IMAGE_WIDTH - 2 * MARGIN;
const INK = '#111111';
const GREY = '#555555';
const TINT = '#f2f5f9';
const lineHeight = (size: number) => Math.round(size * 1.5);

function fit(text: string, size: number, bold: boolean, maxWidth: number, measure: Measure): string {
  if (measure(text, size, bold) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 0 && measure(`${chars.join('')}…`, size, bold) > maxWidth) chars.pop();
  return `${chars.join('')}…`;
}

export function reportImageLayout(v: ReportView, options: { measure?: Measure } = {}): PosterLayout {
  const measure = options.measure ?? estimateWidth;
  const texts: PosterText[] = [];
  const rects: PosterRect[] = [];
  let y = MARGIN;
  let truncated = false;
  const room = (h: number) => y + h <= MAX_HEIGHT - MARGIN - lineHeight(28) * 2;
  const line = (text: string, size: number, opts: { bold?: boolean; color?: string; x?: number; align?: PosterText['align'] } = {}) => {
    texts.push({ text, x: opts.x ?? MARGIN, y, size, bold: opts.bold ?? false, align: opts.align ?? 'left', color: opts.color ?? INK });
  };
  const para = (text: string, size: number, opts: { bold?: boolean; color?: string } = {}) => {
    for (const l of wrap(text, size, opts.bold ?? false, CONTENT_W, measure)) {
      if (!room(lineHeight(size))) {
        truncated = true;
        return;
      }
      line(l, size, opts);
      y += lineHeight(size);
    }
  };

  para(`${v.communityName} ${v.monthLabel}`, 52, { bold: true });
  para('定期评事报告', 44, { bold: true });
  para(`${chinaDate(v.issuedAt)}出具 · ${v.issuedBy} · 口径 ${v.ruleVersion} · 样本少于${v.minSample}件的比率不显示`, 26, { color: GREY });
  y += 24;

  for (const part of v.parts) {
    if (truncated || !room(lineHeight(36) * 3)) {
      truncated = true;
      break;
    }
    rects.push({ x: MARGIN - 16, y: y - 8, w: CONTENT_W + 32, h: lineHeight(36) + 8, color: TINT });
    line(part.title, 36, { bold: true });
    y += lineHeight(36) + 12;
    for (const f of part.figures) {
      if (!room(lineHeight(30))) {
        truncated = true;
        break;
      }
      const value = f.text;
      const labelRoom = CONTENT_W - measure(value, 30, true) - 32;
      line(fit(f.label, 30, false, labelRoom, measure), 30);
      line(value, 30, { bold: true, x: REPORT_IMAGE_WIDTH - MARGIN, align: 'right' });
      y += lineHeight(30);
    }
    const table = part.table;
    if (table && table.rows.length && !truncated) {
      y += 8;
      const cols = table.columns.length;
      // The first column names the row (a grid, a person); the rest share the remainder, wide
      // enough at 22 px for 「样本不足（n=12）」 and 「10/12（83%）」.
      const first = Math.round(CONTENT_W * 0.24);
      const rest = cols > 1 ? (CONTENT_W - first) / (cols - 1) : 0;
      const xOf = (i: number) => (i === 0 ? MARGIN : MARGIN + first + rest * i);
      const row = (cells: readonly string[], bold: boolean, color: string) => {
        cells.forEach((c, i) => {
          const width = (i === 0 ? first : rest) - 12;
          line(fit(c, 22, bold, width, measure), 22, { bold, color, x: i === 0 ? xOf(0) : xOf(i), align: i === 0 ? 'left' : 'right' });
        });
        y += lineHeight(22);
      };
      if (room(lineHeight(22) * 2)) row(table.columns, true, GREY);
      for (const r of table.rows) {
        if (!room(lineHeight(22))) {
          truncated = true;
          break;
        }
        row(r, false, INK);
      }
    }
    y += 28;
  }

  if (v.addenda.length && !truncated) {
    para('补充说明', 36, { bold: true });
    for (const a of v.addenda) {
      const fixes = a.corrections.map((c) => `${c.part}·${c.label}更正为${c.text}`).join('；');
      para(`${chinaDate(a.at)} ${a.byName}：${a.text}${fixes ? `（${fixes}）` : ''}`, 26);
    }
  }
  if (truncated) {
    y = Math.min(y, MAX_HEIGHT - MARGIN - lineHeight(28) * 2);
    line('内容较长，完整报告请在小程序「定期评事」中查看', 28, { color: GREY });
    y += lineHeight(28);
  }
  y += 12;
  line('邻里 · 报告出具后数字不再改动，更正以补充说明为准', 24, { color: GREY });
  y += lineHeight(24) + MARGIN;
  return { width: REPORT_IMAGE_WIDTH, height: Math.min(MAX_HEIGHT, Math.ceil(y)), texts, rects, qr: { url: '', modules: [], x: 0, y: 0, size: 0 }, truncated };
}
