/**
 * The subdistrict's spreadsheets, written with exceljs: a title line, a note line, a header
 * and rows. Cells are written as text so a leading = + - @ is never run as a formula, and
 * ID numbers keep their digits.
 */
// Loaded on first export, not when the function starts (bench: cold start).
const loadExcel = () => import('exceljs').then((m) => m.default);
const loadZip = () => import('jszip').then((m) => m.default);

export interface Sheet {
  title: string;
  /** One line under the title: the period, a summary, or the import sheet's disclaimer. */
  note: string;
  header: readonly string[];
  rows: readonly (readonly string[])[];
}

export async function workbookBase64(sheet: Sheet, now: Date): Promise<string> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  wb.creator = '邻里';
  wb.created = now;
  wb.modified = now;
  const ws = wb.addWorksheet(sheet.title.slice(0, 31));
  const width = Math.max(1, sheet.header.length);
  ws.addRow([sheet.title]).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, width);
  const noteRow = ws.addRow([sheet.note]);
  noteRow.alignment = { wrapText: true, vertical: 'top' };
  noteRow.height = sheet.note.length > 40 ? 48 : 20;
  ws.mergeCells(2, 1, 2, width);
  ws.addRow([...sheet.header]).font = { bold: true };
  for (const row of sheet.rows) ws.addRow(row.map((v) => v));
  sheet.header.forEach((h, i) => {
    ws.getColumn(i + 1).width = Math.max(10, Math.min(40, h.length * 2 + 4));
    ws.getColumn(i + 1).numFmt = '@';
  });
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  const buffer = await wb.xlsx.writeBuffer();
  return (await stampEntries(Buffer.from(buffer as ArrayBuffer), now)).toString('base64');
}

/**
 * exceljs stamps every zip entry with the wall clock, so the same sheet asked for twice
 * came back as different bytes whenever the calls straddled a two-second DOS-time step.
 * Restamping with the request's own time makes an export a function of its data: a
 * repeated download is byte-identical and can be compared or hashed.
 */
async function stampEntries(xlsx: Buffer, now: Date): Promise<Buffer> {
  const zip = await (await loadZip()).loadAsync(xlsx);
  zip.forEach((_path, entry) => {
    entry.date = now;
  });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
