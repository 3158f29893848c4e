/**
 * Reading the owner sheet a community keeps (物业 or 房管 hands it over as .xlsx): the first
 * row names the columns, in any order; every later row is one 专有部分. Nothing here
 * writes: it turns the file into units and a list of problems, each named by the row as the
 * sheet shows it (the header is row 1) and by its column, in words staff can act on.
 */
import type ExcelJS from 'exceljs';
import { fieldError } from '../../../../miniprogram/core/errors';
import { OWNER_SHEET_COLUMNS, type ImportProblem } from '../../../../miniprogram/core/poll/contract';
import { parseArea } from '../../../../miniprogram/core/poll/rules';
import { addressPart, text } from '../../../../miniprogram/core/schema';
import type { BuildingRecord } from '../community/records';
import { formatAddress, normalizeAddressPart } from '../member/household';
import { ownerSortKey, ownerUnitId } from './records';

type Column = (typeof OWNER_SHEET_COLUMNS)[number];

/** One row that read cleanly: the unit it names and what the sheet says of it. */
export interface SheetUnit {
  row: number;
  id: string;
  buildingId: string;
  buildingName: string;
  /** Folded (normalizeAddressPart): the same flat written 「3单元」 or 「3」 is one unit. */
  unit: string;
  room: string;
  sortKey: string;
  address: string;
  areaCenti: number;
  unsold: boolean;
  ownerNames: string[];
}

export interface OwnerSheet {
  /** Rows with anything in the six columns (blank rows are skipped). */
  rows: number;
  units: SheetUnit[];
  /** Every unit the sheet names, its rows with problems included: what is not "missing". */
  listed: Set<string>;
  problems: ImportProblem[];
}

/** 20 s is what one call may take (dev/deploy-plan.ts): a bigger register goes in by building. */
export const MAX_SHEET_ROWS = 5000;
/** A sheet that is wrong throughout is listed this far; the rest is summed up in one line. */
export const MAX_PROBLEMS = 200;

const SEPARATORS = /[、，,;；]/;
const ownerName = text('业主姓名', 1, 20);
const unitText = addressPart('单元');
const roomText = addressPart('房号');
/** 「89.37㎡」「89.37平方米」: the unit the column is in anyway. */
const AREA_UNIT = /\s*(㎡|m²|m2|平方米|平米)$/i;

/** Opens the .xlsx; a file that is not one is refused on its field, before anything is read. */
export async function openSheet(fileBase64: string): Promise<ExcelJS.Worksheet> {
  const refuse = () => fieldError('VALIDATION_ERROR', 'fileBase64', '无法读取这个文件，请上传 Excel 表格（.xlsx）');
  const bytes = Buffer.from(fileBase64, 'base64');
  // An .xlsx is a zip: anything else (an old .xls, a CSV, a photo) stops here.
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) throw refuse();
  // Loaded on first import, not when the function starts (bench: cold start).
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    // exceljs's typings predate Node's generic Buffer; the bytes are what it reads.
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw refuse();
  }
  const ws = wb.worksheets[0];
  if (!ws) throw refuse();
  return ws;
}

/** The sheet's rows as units, against the community's buildings. */
export function readOwnerSheet(ws: ExcelJS.Worksheet, buildings: readonly BuildingRecord[]): OwnerSheet {
  const problems: ImportProblem[] = [];
  const columns = headerColumns(ws, problems);
  if (!columns) return { rows: 0, units: [], listed: new Set(), problems };
  const findBuilding = buildingFinder(buildings);
  const units: SheetUnit[] = [];
  const seen = new Map<string, number>();
  const listed = new Set<string>();
  let rows = 0;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = Object.fromEntries(OWNER_SHEET_COLUMNS.map((c) => [c, cellValue(row.getCell(columns[c]).value)])) as Record<Column, string | number>;
    if (OWNER_SHEET_COLUMNS.every((c) => cells[c] === '')) return;
    rows += 1;
    if (rows > MAX_SHEET_ROWS) {
      if (rows === MAX_SHEET_ROWS + 1) problems.push({ row: rowNumber, column: '楼栋', message: `一次最多导入${MAX_SHEET_ROWS}套房屋，请按楼栋分成几个表格导入` });
      return;
    }
    const unit = readRow(rowNumber, cells, findBuilding, problems, listed);
    if (!unit) return;
    const first = seen.get(unit.id);
    if (first !== undefined) {
      problems.push({ row: rowNumber, column: '房号', message: `与第${first}行是同一套房屋（${unit.address}），每套房屋只能有一行` });
      return;
    }
    seen.set(unit.id, rowNumber);
    units.push(unit);
  });
  if (rows === 0 && problems.length === 0) problems.push({ row: 2, column: '楼栋', message: '表格里没有房屋：第一行是表头，从第二行起每行一套房屋' });
  return { rows, units, listed, problems: capped(problems) };
}

/** Where each column is, by its name in row 1; a missing or doubled column is one problem. */
function headerColumns(ws: ExcelJS.Worksheet, problems: ImportProblem[]): Record<Column, number> | null {
  const found = new Map<Column, number>();
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    // 「专有面积（㎡）」 names the same column as 「专有面积」.
    const name = String(cellValue(cell.value)).normalize('NFKC').replace(/\s+/g, '').replace(/\(.*\)$/, '');
    const column = OWNER_SHEET_COLUMNS.find((c) => c === name);
    if (!column) return;
    if (found.has(column)) problems.push({ row: 1, column, message: `表头有两列「${column}」，请只保留一列` });
    else found.set(column, col);
  });
  for (const c of OWNER_SHEET_COLUMNS) if (!found.has(c)) problems.push({ row: 1, column: c, message: `缺少「${c}」列：表格第一行须有 ${OWNER_SHEET_COLUMNS.join('、')}` });
  return problems.length ? null : (Object.fromEntries(found) as Record<Column, number>);
}

function readRow(row: number, cells: Record<Column, string | number>, findBuilding: (name: string) => BuildingRecord | string, problems: ImportProblem[], listed: Set<string>): SheetUnit | null {
  const before = problems.length;
  const problem = (column: Column, message: string) => problems.push({ row, column, message });
  const word = (c: Column) => String(cells[c]).trim();

  const buildingName = word('楼栋');
  const building = buildingName ? findBuilding(buildingName) : '请填写楼栋';
  if (typeof building === 'string') problem('楼栋', building);
  const unit = unitText.safeParse(word('单元'));
  if (!unit.success) problem('单元', unit.error.issues[0].message);
  const room = roomText.safeParse(word('房号'));
  if (!room.success) problem('房号', room.error.issues[0].message);

  const rawArea = cells['专有面积'];
  const areaCenti = rawArea === '' ? null : parseArea(typeof rawArea === 'number' ? rawArea : rawArea.trim().replace(AREA_UNIT, ''));
  if (rawArea === '') problem('专有面积', '请填写专有面积（平方米）');
  else if (areaCenti === null) problem('专有面积', `专有面积「${rawArea}」不是大于0的数字，最多两位小数（平方米）`);

  const status = word('状态');
  const unsold = status === '未售';
  const statusKnown = status === '' || status === '已售' || unsold;
  if (!statusKnown) problem('状态', `状态「${status}」无法识别：只能填「已售」或「未售」，空白视为已售`);

  const names: string[] = [];
  for (const part of word('业主姓名').split(SEPARATORS)) {
    if (part.trim() === '') continue;
    const name = ownerName.safeParse(part);
    if (name.success) names.push(name.data);
    else problem('业主姓名', `「${part.trim()}」：${name.error.issues[0].message}`);
  }
  // A sold unit needs its owners (an unreadable status is already this row's problem).
  if (names.length === 0 && statusKnown && !unsold) problem('业主姓名', '请填写业主姓名（已售房屋须有业主；未售的请在状态填「未售」）');
  if (names.length > 6) problem('业主姓名', '一套房屋最多填6位业主');
  if (new Set(names).size !== names.length) problem('业主姓名', '同一套房屋的业主姓名重复了');

  if (typeof building === 'string' || !unit.success || !room.success) return null;
  const unitKey = normalizeAddressPart(unit.data);
  const roomKey = normalizeAddressPart(room.data);
  const id = ownerUnitId(building._id, unitKey, roomKey);
  listed.add(id);
  if (problems.length > before || areaCenti === null) return null;
  return {
    row,
    id,
    buildingId: building._id,
    buildingName: building.name,
    unit: unitKey,
    room: roomKey,
    sortKey: ownerSortKey(building.name, unitKey, roomKey),
    address: formatAddress(building.name, unitKey, roomKey),
    areaCenti,
    unsold,
    ownerNames: names,
  };
}

/**
 * A building by its name as the sheet writes it: exactly, else folded (「1栋」 is 「1号楼」);
 * a folded name two buildings share is not guessed at. Returns the problem when none fits.
 */
function buildingFinder(buildings: readonly BuildingRecord[]): (name: string) => BuildingRecord | string {
  const byName = new Map(buildings.map((b) => [b.name.trim(), b]));
  const byFold = new Map<string, BuildingRecord[]>();
  for (const b of buildings) byFold.set(normalizeAddressPart(b.name), [...(byFold.get(normalizeAddressPart(b.name)) ?? []), b]);
  return (name) => {
    const exact = byName.get(name);
    if (exact) return exact;
    const folded = byFold.get(normalizeAddressPart(name)) ?? [];
    if (folded.length === 1) return folded[0];
    if (folded.length > 1) return `有几个楼栋都像「${name}」（${folded.map((b) => b.name).join('、')}），请写楼栋的完整名称`;
    return `社区里没有「${name}」：请改成社区管理里的楼栋名称，或先添加这个楼栋`;
  };
}

/** What a cell holds, as the sheet shows it: numbers stay numbers (the area), the rest is text. */
function cellValue(v: ExcelJS.CellValue): string | number {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return v.result === undefined ? '' : cellValue(v.result);
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : cellValue(v.text as ExcelJS.CellValue);
  if ('error' in v) return v.error;
  return '';
}

function capped(problems: ImportProblem[]): ImportProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const rest = problems.length - MAX_PROBLEMS;
  const last = problems[MAX_PROBLEMS];
  return [...problems.slice(0, MAX_PROBLEMS), { row: last.row, column: last.column, message: `从这里起还有${rest}处问题没有列出：请先改正上面的问题再导入` }];
}
