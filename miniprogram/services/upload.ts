/**
 * Photos for concerns: pick on the device, shrink, upload into the uploader's own folder,
 * register the file, keep only its id. Actions carry file ids (`cloud://…` or, in local
 * runs, `local://uploads/…`), never bytes, so the same `photos: string[]` works for submit,
 * supplement, report-back and resolve. Every step is injected so tests need no cloud.
 */
import { config } from '../config';
import { fileId } from '../core/schema';
import type { Envelope } from '../core/envelope';
import { MAX_PHOTO_BYTES, registerMedia, uploadPathFor, type MediaView } from '../core/media/contract';
import { call } from './api';
import { localItems, type PhotoItem } from './photos';
import { schemasLoaded, schemasReady } from './schemas';

/** One chosen photo through the whole pipeline: yields its registered file id, or rejects with a message to show. */
export type UploadOne = (tempPath: string, size?: number) => Promise<string>;
/** Puts bytes in storage and yields the file id. */
export type Store = (path: string) => Promise<string>;
/** Yields a smaller file to send (or the same path). */
export type Compress = (path: string, size: number) => Promise<string>;
/** Tells the server about a fresh upload; rejects with the server's message. */
export type Register = (fileId: string) => Promise<void>;

/** The slice of wx.cloud used here; its typings overload upload into a task type. */
export interface CloudUploadApi {
  uploadFile(options: { cloudPath: string; filePath: string }): Promise<{ fileID: string }>;
}

/** The slice of wx.uploadFile used in local mode. */
export type WxUploadFile = (options: {
  url: string;
  filePath: string;
  name: string;
  header: Record<string, string>;
  success: (res: { data: string; statusCode: number }) => void;
  fail: (err: { errMsg?: string }) => void;
}) => unknown;

/** The slice of wx.compressImage used here. */
export interface CompressApi {
  compressImage(options: {
    src: string;
    quality: number;
    success: (res: { tempFilePath: string }) => void;
    fail: (err: { errMsg?: string }) => void;
  }): unknown;
}

/** The slice of wx.chooseMedia used here. */
export type ChooseMedia = (options: {
  count: number;
  mediaType: Array<'image'>;
  sourceType: Array<'album' | 'camera'>;
  sizeType: string[];
  success: (res: { tempFiles: Array<{ tempFilePath: string; size?: number }> }) => void;
  fail: (err: { errMsg?: string }) => void;
}) => void;

export const UPLOAD_FAILED = '图片上传失败，请检查网络后重试';
export const PHOTO_TOO_LARGE = '图片太大，请换一张或裁剪后再上传';
export const NO_MEMBER = '暂时无法上传图片，请返回后重新进入本页';
const CHOOSE_FAILED = '无法打开相册或相机，请在微信设置中允许访问后重试';

/** Photos above this are re-encoded on the device before they go out. */
export const COMPRESS_ABOVE_BYTES = 500 * 1024;
export const COMPRESS_QUALITY = 70;

export class UploadError extends Error {}

function extension(path: string): string {
  const m = /\.(jpe?g|png|webp)$/i.exec(path);
  return m ? m[1].toLowerCase().replace('jpeg', 'jpg') : 'jpg';
}

/**
 * Re-encodes large photos at quality 70 (a phone photo of several MB becomes a few hundred
 * KB and reads the same on a phone screen). If the device cannot compress, the original is
 * sent unless it is over the limit the server takes.
 */
export function compressor(api: CompressApi): Compress {
  return (path, size) => {
    if (!(size > COMPRESS_ABOVE_BYTES)) return Promise.resolve(path);
    return new Promise((resolve, reject) => {
      const original = () => (size > MAX_PHOTO_BYTES ? reject(new UploadError(PHOTO_TOO_LARGE)) : resolve(path));
      try {
        api.compressImage({
          src: path,
          quality: COMPRESS_QUALITY,
          success: (res) => (res?.tempFilePath ? resolve(res.tempFilePath) : original()),
          fail: original,
        });
      } catch {
        original();
      }
    });
  };
}

/**
 * Production: CloudBase storage, under `uploads/<memberId>/` — the server registers only
 * files in the caller's own folder. The name is the time and a random part, only characters
 * the shared fileId rule accepts.
 */
export function cloudStore(cloud: CloudUploadApi, memberId: string, now: () => number = Date.now, rand: () => number = Math.random): Store {
  return async (path) => {
    if (!memberId) throw new UploadError(NO_MEMBER);
    const random = rand().toString(36).slice(2, 10) || '0';
    const cloudPath = uploadPathFor(memberId, `${now()}-${random}.${extension(path)}`);
    try {
      const res = await cloud.uploadFile({ cloudPath, filePath: path });
      return res.fileID;
    } catch {
      throw new UploadError(UPLOAD_FAILED);
    }
  };
}

/** What the gateway's POST /uploads answers: the usual envelope. */
function parseGatewayAnswer(raw: unknown): string {
  let body: unknown = raw;
  if (typeof raw === 'string') {
    try {
      body = JSON.parse(raw);
    } catch {
      throw new UploadError(UPLOAD_FAILED);
    }
  }
  const b = body as { ok?: unknown; data?: { fileId?: unknown }; error?: { message?: unknown } } | null;
  if (b?.ok === true && typeof b.data?.fileId === 'string') return b.data.fileId;
  // The gateway words its refusals for residents ("图片不能超过2MB…").
  if (b?.ok === false && typeof b.error?.message === 'string' && b.error.message) throw new UploadError(b.error.message);
  throw new UploadError(UPLOAD_FAILED);
}

/** Local mode: the `npm start` gateway stores the file and names it after the caller. */
export function localStore(uploadFile: WxUploadFile, baseUrl: string, openid: string): Store {
  return (path) =>
    new Promise((resolve, reject) => {
      try {
        uploadFile({
          url: `${baseUrl}/uploads`,
          filePath: path,
          name: 'file',
          header: { 'x-wx-openid': openid },
          success: (res) => {
            try {
              resolve(parseGatewayAnswer(res.data));
            } catch (e) {
              reject(e);
            }
          },
          fail: () => reject(new UploadError(UPLOAD_FAILED)),
        });
      } catch {
        reject(new UploadError(UPLOAD_FAILED));
      }
    });
}

/** media.register: only registered files of the caller can be attached to a record. */
export function registerWith(send: (fileId: string) => Promise<Envelope<MediaView>> = (id) => call(registerMedia, { fileId: id })): Register {
  return async (id) => {
    const res = await send(id);
    if (!res.ok) throw new UploadError(res.error.message || UPLOAD_FAILED);
  };
}

/** compress → store → check the id → register. */
export function photoUploader(steps: { store: Store; register: Register; compress?: Compress }): UploadOne {
  return async (tempPath, size = 0) => {
    const path = steps.compress ? await steps.compress(tempPath, size) : tempPath;
    const id = await steps.store(path);
    // A malformed id would only be refused later by the server, far from its cause.
    if ((await schemasReady()) && !fileId.safeParse(id).success) throw new UploadError(UPLOAD_FAILED);
    await steps.register(id);
    return id;
  };
}

let injected: UploadOne | undefined;

/** Tests choose the uploader; pages never do. */
export function setUploader(u: UploadOne | undefined): void {
  injected = u;
}

/** The real pipeline for this build: cloud storage or the local gateway. */
export function defaultUploader(memberId: string): UploadOne {
  if (injected) return injected;
  const w = wx as unknown as { compressImage?: CompressApi['compressImage']; uploadFile: WxUploadFile; cloud: unknown };
  const compress = typeof w.compressImage === 'function' ? compressor(w as CompressApi) : undefined;
  const store =
    config.mode === 'cloud'
      ? cloudStore(w.cloud as CloudUploadApi, memberId)
      : localStore(w.uploadFile, config.localBaseUrl, config.localOpenid);
  return photoUploader({ store, register: registerWith(), compress });
}

export interface PickedFile {
  path: string;
  /** Bytes, 0 when the device did not say. */
  size: number;
}

export interface UploadResult {
  /** Ids of the photos that did upload, in the order chosen; kept even when others failed. */
  fileIds: string[];
  /** The same photos for display, showing the file on the device. */
  photos: PhotoItem[];
  /** What to tell the resident, '' when every photo arrived. */
  error: string;
}

/**
 * Uploads in parallel (at most 9, below WeChat's 10 concurrent uploads). A photo that fails
 * does not cost the others: an older phone on a weak network keeps what made it.
 */
export async function uploadPhotos(files: readonly PickedFile[], upload: UploadOne): Promise<UploadResult> {
  const results = await Promise.all(
    files.map(async (f): Promise<{ id?: string; src: string; error?: string }> => {
      try {
        const id = await upload(f.path, f.size);
        return !schemasLoaded() || fileId.safeParse(id).success ? { id, src: f.path } : { src: f.path, error: UPLOAD_FAILED };
      } catch (e) {
        return { src: f.path, error: e instanceof UploadError ? e.message : UPLOAD_FAILED };
      }
    }),
  );
  const done = results.flatMap((r) => (r.id ? [{ id: r.id, src: r.src }] : []));
  const error = results.find((r) => r.error)?.error ?? '';
  return { fileIds: done.map((d) => d.id), photos: localItems(done), error };
}

/** Opens the album or camera for up to `count` images; a cancel is not an error. */
export function chooseImages(count: number, choose?: ChooseMedia): Promise<{ files: PickedFile[]; error: string }> {
  const pick = choose ?? (wx.chooseMedia as unknown as ChooseMedia);
  return new Promise((resolve) => {
    pick({
      count,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      // Compressed: a 12-megapixel photo is slow to send and no clearer on a phone screen.
      sizeType: ['compressed'],
      success: (res) =>
        resolve({
          files: res.tempFiles.slice(0, count).map((f) => ({ path: f.tempFilePath, size: typeof f.size === 'number' ? f.size : 0 })),
          error: '',
        }),
      fail: (err) => resolve({ files: [], error: /cancel/i.test(err?.errMsg ?? '') ? '' : CHOOSE_FAILED }),
    });
  });
}

/**
 * Picks and uploads photos to add to a list that already holds `current` of at most `max`.
 * `memberId` (from member.me) names the upload folder. Resolves to the new photos and a
 * message; never rejects.
 */
export async function pickPhotos(current: number, max: number, memberId: string, upload?: UploadOne, choose?: ChooseMedia): Promise<UploadResult> {
  const room = max - current;
  if (room <= 0) return { fileIds: [], photos: [], error: `最多上传${max}张图片` };
  const chosen = await chooseImages(room, choose);
  if (chosen.files.length === 0) return { fileIds: [], photos: [], error: chosen.error };
  return uploadPhotos(chosen.files, upload ?? defaultUploader(memberId));
}
