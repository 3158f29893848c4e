/**
 * media.register takes only a file that was really uploaded: with the gateway's uploads
 * folder (as under npm start), an id nobody uploaded is refused naming the field. The
 * CloudBase adapter answers the same from getTempFileURL's per-file status.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CloudbaseFileUrls } from '../../../../../cloudfunctions/lib/platform/wechat-services';
import { createHarness, member, type Harness } from '../../../../support/harness';

let h: Harness;
let dir: string;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-uploads-test-'));
  h = await createHarness({ uploadsDir: dir });
});
afterEach(() => {
  h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('registering a photo that was never uploaded', () => {
  it('is refused as NOT_FOUND naming fileId, while an uploaded one is taken', async () => {
    const name = `${member('demo-resident-1')}_lamp.jpg`;
    fs.writeFileSync(path.join(dir, name), 'jpeg bytes');
    expect(await h.ok('demo-resident-1', 'media.register', { fileId: `local://uploads/${name}` })).toMatchObject({ status: 'pending' });
    expect(await h.call('demo-resident-1', 'media.register', { fileId: `local://uploads/${member('demo-resident-1')}_never.jpg` })).toMatchObject({
      ok: false, error: { code: 'NOT_FOUND', details: { issues: [{ path: 'fileId' }] } },
    });
    expect(await h.deps.store.query('media', { where: { communityId: 'demo', ownerId: member('demo-resident-1') }, orderBy: { field: 'createdAt', dir: 'asc' }, limit: 10 })).toMatchObject({ items: [{ fileId: `local://uploads/${name}` }] });
  });
});

describe('the CloudBase file check', () => {
  it('reads each file’s status from getTempFileURL', async () => {
    const files = new CloudbaseFileUrls({
      getTempFileURL: async ({ fileList }) => ({
        fileList: fileList.map((fileID) => (fileID.endsWith('there.jpg') ? { fileID, tempFileURL: 'https://t/x', code: 'SUCCESS' } : { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' })),
      }),
    });
    expect(await files.exists('cloud://env.bucket/uploads/m_1/there.jpg')).toBe(true);
    expect(await files.exists('cloud://env.bucket/uploads/m_1/gone.jpg')).toBe(false);
  });
});
