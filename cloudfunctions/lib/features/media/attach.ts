import { AppError } from '../../../../miniprogram/core/errors';
import type { ScopedStore } from '../../kernel/scoped-store';
import { mediaIdFor, type MediaRecord } from './records';

/**
 * Checks, without writing, that every photo is the caller's registered upload and not
 * attached elsewhere. Use cases check first and attach only once their own step is done,
 * so a refused call ties no photo to anything.
 */
export async function checkPhotos(db: ScopedStore, ownerId: string, fileIds: readonly string[], subject: string): Promise<void> {
  if (fileIds.length === 0) return;
  const ids = fileIds.map(mediaIdFor);
  const found = new Map((await db.getMany('media', ids)).map((m) => [m._id, m]));
  for (const id of ids) {
    const m = found.get(id);
    if (!m || m.ownerId !== ownerId) throw new AppError('VALIDATION_ERROR', '图片未上传成功或不属于您，请重新选择', { issues: [{ path: 'photos', message: '图片未上传成功或不属于您' }] });
    if (m.attachedTo && m.attachedTo !== subject) throw new AppError('VALIDATION_ERROR', '同一张图片不能重复使用', { issues: [{ path: 'photos', message: '同一张图片不能重复使用' }] });
  }
}

/** From here on each photo is visible exactly where the record is. Idempotent. */
export async function markAttached(db: ScopedStore, fileIds: readonly string[], subject: string): Promise<void> {
  for (const id of fileIds.map(mediaIdFor)) {
    await db.update('media', id, { attachedTo: subject }, { attachedTo: null });
  }
}

export async function mediaFor(db: ScopedStore, fileIds: readonly string[]): Promise<Map<string, MediaRecord>> {
  if (fileIds.length === 0) return new Map();
  const records = await db.getMany('media', fileIds.map(mediaIdFor));
  return new Map(records.map((m) => [m.fileId, m]));
}
