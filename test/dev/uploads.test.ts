/** The local stand-in for cloud storage: uploads name their uploader; links must be signed. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApiFunction } from '../../cloudfunctions/lib/api-function';
import { memberIdFor } from '../../cloudfunctions/lib/kernel/caller';
import { createGateway, listen, type Gateway } from '../../dev/gateway';
import { seedDemo } from '../../dev/demo-seed';
import { localDeps, OffsetClock, type LocalDeps } from '../../dev/local-deps';

let gw: Gateway;
let deps: LocalDeps;
let dir: string;
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 1)]);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-up-'));
  deps = localDeps({ filename: path.join(dir, 'db.sqlite'), clock: new OffsetClock(), quiet: true, baseUrl: 'http://placeholder' });
  await seedDemo(createApiFunction(deps, (c) => (c as { openid: string | null }).openid), deps.store, { lifecycle: false });
  gw = await listen(createGateway(deps, undefined, path.join(dir, 'uploads')), 0);
  // Signed links must point at the port the gateway really got.
  (deps.files as unknown as { baseUrl: string }).baseUrl = gw.url;
});
afterAll(async () => {
  await gw.close();
  deps.store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function upload(body: BodyInit, openid?: string, type?: string) {
  const res = await fetch(`${gw.url}/uploads`, { method: 'POST', body, headers: { ...(openid ? { 'x-wx-openid': openid } : {}), ...(type ? { 'content-type': type } : {}) } });
  return { status: res.status, body: (await res.json()) as { ok: boolean; data?: { fileId: string }; error?: { code: string } } };
}
const api = async (openid: string, action: string, data: unknown) =>
  (await (await fetch(`${gw.url}/functions/api`, { method: 'POST', headers: { 'x-wx-openid': openid }, body: JSON.stringify({ action, data }) })).json()) as { ok: boolean; data?: any };

describe('uploading', () => {
  it('stores an image sent as wx.uploadFile sends it, under the uploader’s id', async () => {
    const form = new FormData();
    form.append('file', new Blob([JPEG], { type: 'image/jpeg' }), 'photo.jpg');
    const res = await upload(form, 'demo-resident-1');
    expect(res.status).toBe(200);
    expect(res.body.data?.fileId).toMatch(new RegExp(`^local://uploads/${memberIdFor('demo-resident-1')}_[0-9a-f]+\\.jpg$`));
    expect((await api('demo-resident-1', 'media.register', { fileId: res.body.data?.fileId })).ok).toBe(true);
  });
  it('refuses anonymous uploads, non-images and files over 2 MB', async () => {
    expect((await upload(JPEG)).status).toBe(401);
    expect((await upload(Buffer.from('<script>alert(1)</script>'), 'demo-resident-1', 'application/octet-stream')).body.error?.code).toBe('VALIDATION_ERROR');
    expect((await upload(Buffer.concat([JPEG, Buffer.alloc(3 * 1024 * 1024)]), 'demo-resident-1', 'image/jpeg')).status).toBe(413);
  });
});

describe('serving', () => {
  it('serves a file through a signed link from media.urls, and refuses forged or bare links', async () => {
    const { body } = await upload(JPEG, 'demo-resident-1', 'image/jpeg');
    const fileId = body.data!.fileId;
    await api('demo-resident-1', 'media.register', { fileId });
    const { data } = await api('demo-resident-1', 'media.urls', { fileIds: [fileId] });
    const link = data.urls[fileId] as string;
    const ok = await fetch(link);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).equals(JPEG)).toBe(true);
    const name = fileId.slice('local://uploads/'.length);
    expect((await fetch(`${gw.url}/uploads/${name}`)).status).toBe(403);
    expect((await fetch(link.replace(/sig=[^&]+/, 'sig=forged'))).status).toBe(403);
    expect((await fetch(`${gw.url}/uploads/..%2F..%2Fetc%2Fpasswd?exp=9999999999999&sig=x`)).status).toBe(403);
  });
});
