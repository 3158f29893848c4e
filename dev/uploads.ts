/**
 * The local stand-in for cloud storage: `POST /uploads` takes one image (multipart, as
 * wx.uploadFile sends it, field `file`; or a raw image body) from the caller named by the
 * x-wx-openid header and stores it under .data/uploads as `<memberId>_<random>.<ext>`, so
 * the file id names its uploader the way a cloud path does. `GET /uploads/<name>` serves a
 * file only with a valid signature from `media.urls`.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { MAX_PHOTO_BYTES } from '../miniprogram/core/media/contract';
import type { SignedLocalUrls } from '../cloudfunctions/lib/platform/local-services';

const TYPES: Array<{ ext: string; mime: string; magic: (b: Buffer) => boolean }> = [
  { ext: 'jpg', mime: 'image/jpeg', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: 'png', mime: 'image/png', magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { ext: 'webp', mime: 'image/webp', magic: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

export type UploadResult = { status: number; body: { ok: true; data: { fileId: string } } | { ok: false; error: { code: string; message: string } } };

const refuse = (status: number, code: string, message: string): UploadResult => ({ status, body: { ok: false, error: { code, message } } });

async function readImage(req: http.IncomingMessage): Promise<Buffer | 'tooLarge' | null> {
  const type = req.headers['content-type'] ?? '';
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_PHOTO_BYTES + 64 * 1024) {
    req.resume();
    return 'tooLarge';
  }
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(Readable.toWeb(req) as ReadableStream, { headers: { 'content-type': type } }).formData();
    const file = form.get('file');
    if (!file || typeof file === 'string') return null;
    if (file.size > MAX_PHOTO_BYTES) return 'tooLarge';
    return Buffer.from(await file.arrayBuffer());
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_PHOTO_BYTES) return 'tooLarge';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function receiveUpload(req: http.IncomingMessage, memberId: string | null, dir: string): Promise<UploadResult> {
  if (!memberId) return refuse(401, 'UNAUTHENTICATED', '请先登录后再上传图片');
  const image = await readImage(req);
  if (image === 'tooLarge') return refuse(413, 'VALIDATION_ERROR', '图片不能超过2MB，请压缩后再传');
  const type = image && TYPES.find((t) => t.magic(image));
  if (!image || !type) return refuse(400, 'VALIDATION_ERROR', '只支持 JPG、PNG、WebP 图片');
  const name = `${memberId}_${randomBytes(8).toString('hex')}.${type.ext}`;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), image);
  return { status: 200, body: { ok: true, data: { fileId: `local://uploads/${name}` } } };
}

/** Serves a stored image if its signature holds; a bare name or a forged link gets 403. */
export function serveUpload(res: http.ServerResponse, url: URL, dir: string, urls: SignedLocalUrls): void {
  const name = decodeURIComponent(url.pathname.slice('/uploads/'.length));
  const ok = /^[A-Za-z0-9_]+\.(jpg|png|webp)$/.test(name) && urls.verify(name, Number(url.searchParams.get('exp')), url.searchParams.get('sig') ?? '');
  const file = path.join(dir, name);
  if (!ok || !fs.existsSync(file)) {
    res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('forbidden');
    return;
  }
  const type = TYPES.find((t) => name.endsWith(`.${t.ext}`));
  res.writeHead(200, { 'content-type': type?.mime ?? 'application/octet-stream', 'cache-control': 'private, max-age=600' });
  fs.createReadStream(file).pipe(res);
}
