/**
 * Spreadsheets (xlsx) for exports, written with write-excel-file (about 107 KB in the
 * function bundle with its zip library; exceljs is about 1 MB): `wx.openDocument` opens xlsx
 * on the phone, not CSV. Every cell is written as text or a number, never as a formula, so a
 * leading = + - @ in someone's words is shown, not run.
 */
import type writeXlsxFileType from 'write-excel-file/node';

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
  // Loaded on first export, not when the function starts (bench: cold start).
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  const buffer = await writeXlsxFile(data as Parameters<typeof writeXlsxFileType>[0]).toBuffer();
  return stampZip(Buffer.from(buffer)).toString('base64');
}

/**
 * The zip library stamps each entry with the wall clock; the same sheet exported twice should
 * be the same file (and an export must not depend on when in the second it ran). Every entry's
 * modification time is set to the zip format's first day (1980-01-01 00:00), walking the
 * central directory to each entry and its local header — never guessing at signatures inside
 * compressed data.
 */
export function stampZip(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) return out;
  const entries = out.readUInt16LE(eocd + 10);
  let at = out.readUInt32LE(eocd + 16);
  const DOS_TIME = 0;
  const DOS_DATE = (0 << 9) | (1 << 5) | 1;
  for (let i = 0; i < entries && out.readUInt32LE(at) === 0x02014b50; i += 1) {
    out.writeUInt16LE(DOS_TIME, at + 12);
    out.writeUInt16LE(DOS_DATE, at + 14);
    const local = out.readUInt32LE(at + 42);
    if (out.readUInt32LE(local) === 0x04034b50) {
      out.writeUInt16LE(DOS_TIME, local + 10);
      out.writeUInt16LE(DOS_DATE, local + 12);
    }
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}
