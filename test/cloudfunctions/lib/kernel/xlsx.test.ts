/** An export is the same file however often, and whenever, it is made. */
import { workbookBase64 } from '../../../../cloudfunctions/lib/kernel/xlsx';

const sheet = [{ name: '报告', blocks: [{ title: '2026年10月', header: ['网格', '件数'], rows: [['第一网格', 12], ['第二网格', 7]] }] }];

describe('an xlsx export does not depend on the clock', () => {
  it('is byte for byte the same when made a second apart', async () => {
    const a = await workbookBase64(sheet);
    await new Promise((r) => setTimeout(r, 2100));
    const b = await workbookBase64(sheet);
    expect(b).toBe(a);
  });
  it('is still a zip with its entries', async () => {
    const buf = Buffer.from(await workbookBase64(sheet), 'base64');
    expect(buf.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    expect(buf.includes(Buffer.from('xl/worksheets/sheet1.xml'))).toBe(true);
  });
});
