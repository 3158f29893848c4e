/**
 * Photos for concerns: pick on the device, upload, keep only the file id. Actions carry file
 * ids (`cloud://…`), never bytes, so the same `photos: string[]` works for submit, supplement,
 * report-back and resolve. The uploader is injected so tests and local mode need no cloud.
 */
import { config } from '../config';
import { fileId } from '../core/schema';

/** Uploads one temp file and yields its stored file id; rejects with a message to show. */
export type UploadOne = (tempPath: string) => Promise<string>;

/** The slice of wx.cloud used here; its typings overload upload into a task type. */
export interface CloudUploadApi {
  uploadFile(options: { cloudPath: string; filePath: string }): Promise<{ fileID: string }>;
}

/** The slice of wx.chooseMedia used here. */
export type ChooseMedia = (options: {
  count: number;
  mediaType: Array<'image'>;
  sourceType: Array<'album' | 'camera'>;
  sizeType: string[];
  success: (res: { tempFiles: Array<{ tempFilePath: string }> }) => void;
  fail: (err: { errMsg?: string }) => void;
}) => void;

export const LOCAL_UPLOAD_UNSUPPORTED = '本地模式暂不支持上传图片';
export const UPLOAD_FAILED = '图片上传失败，请检查网络后重试';
const CHOOSE_FAILED = '无法打开相册或相机，请在微信设置中允许访问后重试';

export class UploadError extends Error {}

function extension(tempPath: string): string {
  const m = /\.(jpe?g|png|gif|webp|heic)$/i.exec(tempPath);
  return m ? m[1].toLowerCase() : 'jpg';
}

/**
 * Production: CloudBase storage. The path is random and month-bucketed so names never
 * collide and nothing in it identifies the resident; it only uses characters the shared
 * fileId rule accepts.
 */
export function cloudUploader(cloud: CloudUploadApi, now: () => number = Date.now, rand: () => number = Math.random): UploadOne {
  return async (tempPath) => {
    const d = new Date(now() + 8 * 3600 * 1000);
    const month = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    const name = `${now().toString(36)}-${rand().toString(36).slice(2, 10) || '0'}`;
    const cloudPath = `concern/${month}/${name}.${extension(tempPath)}`;
    try {
      const res = await cloud.uploadFile({ cloudPath, filePath: tempPath });
      return res.fileID;
    } catch {
      throw new UploadError(UPLOAD_FAILED);
    }
  };
}

/**
 * Local mode: the gateway has no upload endpoint yet. Saying so is better than inventing
 * ids the backend would store for photos that do not exist.
 */
export function localUploader(): UploadOne {
  return () => Promise.reject(new UploadError(LOCAL_UPLOAD_UNSUPPORTED));
}

let injected: UploadOne | undefined;

/** Tests (and a future local upload route) choose the uploader; pages never do. */
export function setUploader(u: UploadOne | undefined): void {
  injected = u;
}

function currentUploader(): UploadOne {
  if (injected) return injected;
  return config.mode === 'cloud' ? cloudUploader(wx.cloud as unknown as CloudUploadApi) : localUploader();
}

export interface UploadResult {
  /** Ids of the photos that did upload, in the order chosen; kept even when others failed. */
  fileIds: string[];
  /** What to tell the resident, '' when every photo arrived. */
  error: string;
}

/**
 * Uploads in parallel (at most 9, below WeChat's 10 concurrent uploads). A photo that fails
 * does not cost the others: an older phone on a weak network keeps what made it.
 */
export async function uploadPhotos(tempPaths: readonly string[], upload: UploadOne = currentUploader()): Promise<UploadResult> {
  const results = await Promise.all(
    tempPaths.map(async (p): Promise<{ id?: string; error?: string }> => {
      try {
        const id = await upload(p);
        // A malformed id would only be refused later by the server, far from its cause.
        return fileId.safeParse(id).success ? { id } : { error: UPLOAD_FAILED };
      } catch (e) {
        return { error: e instanceof UploadError ? e.message : UPLOAD_FAILED };
      }
    }),
  );
  const fileIds = results.flatMap((r) => (r.id ? [r.id] : []));
  const error = results.find((r) => r.error)?.error ?? '';
  return { fileIds, error };
}

/** Opens the album or camera for up to `count` images; a cancel is not an error. */
export function chooseImages(count: number, choose?: ChooseMedia): Promise<{ paths: string[]; error: string }> {
  const pick = choose ?? (wx.chooseMedia as unknown as ChooseMedia);
  return new Promise((resolve) => {
    pick({
      count,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      // Compressed: a 12-megapixel photo is slow to send and no clearer on a phone screen.
      sizeType: ['compressed'],
      success: (res) => resolve({ paths: res.tempFiles.map((f) => f.tempFilePath).slice(0, count), error: '' }),
      fail: (err) => resolve({ paths: [], error: /cancel/i.test(err?.errMsg ?? '') ? '' : CHOOSE_FAILED }),
    });
  });
}

/**
 * Picks and uploads photos to add to a list that already holds `current` of at most `max`.
 * Resolves to the new ids and a message; never rejects.
 */
export async function pickPhotos(current: number, max: number, upload?: UploadOne, choose?: ChooseMedia): Promise<UploadResult> {
  const room = max - current;
  if (room <= 0) return { fileIds: [], error: `最多上传${max}张图片` };
  const chosen = await chooseImages(room, choose);
  if (chosen.paths.length === 0) return { fileIds: [], error: chosen.error };
  return uploadPhotos(chosen.paths, upload);
}

export interface PhotoItem {
  id: string;
  src: string;
}

/**
 * What an <image> can load. Cloud file ids load as they are; local ids point at the
 * gateway's uploads folder (served once the gateway gains an uploads route).
 */
export function photoSrc(id: string, baseUrl: string = config.localBaseUrl): string {
  const local = /^local:\/\/uploads\/(.+)$/.exec(id);
  return local ? `${baseUrl}/uploads/${local[1]}` : id;
}

export function photoItems(ids: readonly string[] | undefined): PhotoItem[] {
  return (ids ?? []).map((id) => ({ id, src: photoSrc(id) }));
}
