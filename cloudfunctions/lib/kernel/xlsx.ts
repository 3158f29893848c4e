/**
 * Spreadsheets (xlsx) for exports, written with write-excel-file (about 107 KB in the
 * function bundle with its zip library; exceljs is about 1 MB): `wx.openDocument` opens xlsx
 * on the phone, not CSV. Every cell is written as text or a number, never as a formula, so a
 * leading = + - @ in someone's words is shown, not run.
 */
import writeXlsxFile from 'write-excel-file/node';

export interface SheetBlock {
  /** A bold line above the block (a part's title). */
  title?: string;
  /** A line under the title: the period, a summary, a rule. */
  note?: string;
  header?: readonly string[];
  rows: readonly (readonly (string | number)[])[];
}

export interface SheetSpec {
  /** The tab's name (at most 31 characters, no []:*?/\). */
  name: string;
  blocks: readonly SheetBlock[];
  /** Column widths in characters. */
  widths?: readonly number[];
}

type Cell = { value: string | number; fontWeight?: 'bold'; fontSize?: number } | null;

const tabName = (name: string) => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet';

function cellsOf(block: SheetBlock): Cell[][] {
  const out: Cell[][] = [];
  if (block.title) out.push([{ value: block.title, fontWeight: 'bold', fontSize: 13 }]);
  if (block.note) out.push([{ value: block.note }]);
  if (block.header) out.push(block.header.map((h) => ({ value: h, fontWeight: 'bold' })));
  for (const row of block.rows) out.push(row.map((v) => (v === '' ? null : { value: v })));
  return out;
}

/** The workbook as base64, ready for the file-export path (`saveBase64File`). */
export async function workbookBase64(sheets: readonly SheetSpec[]): Promise<string> {
  const data = sheets.map((s) => {
    const rows: Cell[][] = [];
    s.blocks.forEach((b, i) => {
      if (i > 0) rows.push([null]);
      rows.push(...cellsOf(b));
    });
    return { sheet: tabName(s.name), data: rows.length ? rows : [[null]], ...(s.widths ? { columns: s.widths.map((width) => ({ width })) } : {}) };
  });
  const buffer = await writeXlsxFile(data as Parameters<typeof writeXlsxFile>[0]).toBuffer();
  return Buffer.from(buffer).toString('base64');
}
