/** Owner sheets as a community would hand them over: an .xlsx, base64, the header in row 1. */
import ExcelJS from 'exceljs';
import type { Harness } from './harness';

export const OWNER_HEADER = ['楼栋', '单元', '房号', '专有面积', '业主姓名', '状态'];

export type SheetCell = string | number | null;

/** A workbook whose first sheet holds `rows` as given (the first is the header). */
export async function sheetBase64(rows: readonly (readonly SheetCell[])[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('业主名册');
  for (const row of rows) ws.addRow([...row]);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer).toString('base64');
}

/** The usual sheet: the standard header, then `rows`. */
export function ownerSheet(rows: readonly (readonly SheetCell[])[]): Promise<string> {
  return sheetBase64([OWNER_HEADER, ...rows]);
}

/** Binds `openid` to a flat under `name` (an invite from the admin, redeemed), as residents do. */
export async function moveIn(h: Harness, openid: string, building: string, unit: string, room: string, name: string): Promise<string> {
  const { invites } = await h.ok<{ invites: Array<{ code: string; householdId: string }> }>('demo-admin', 'member.issueInvites', { households: [{ buildingId: h.ids[building], unit, room }] });
  await h.ok(openid, 'member.redeemInvite', { code: invites[0].code, name });
  return invites[0].householdId;
}
