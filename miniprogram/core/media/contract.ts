/**
 * Photos: the device compresses and uploads to cloud storage under the caller's own folder,
 * then registers the file. Only registered files of the caller can be attached to a record;
 * others see a photo only after the image check passes, and only where they may see the record.
 */
import { contract } from '../action';
import { z, fileId } from '../schema';

/** Where the device must upload: the folder names the uploader, which the server checks. */
export function uploadPathFor(memberId: string, name: string): string {
  return `uploads/${memberId}/${name}`;
}

export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

export interface MediaView {
  fileId: string;
  /** pending: being checked (visible to the uploader only); pass; hidden: under review or rejected. */
  status: 'pending' | 'pass' | 'hidden';
}

export const registerMedia = contract<MediaView>()({
  name: 'media.register',
  summary: '登记刚上传的图片（之后才能附到诉求上）',
  input: z.strictObject({ fileId }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '仅本人上传到本人目录的图片',
});

export const mediaUrls = contract<{ urls: Record<string, string> }>()({
  name: 'media.urls',
  summary: '获取可显示的图片临时地址',
  input: z.strictObject({ fileIds: z.array(fileId).min(1).max(18) }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '本人上传的图片，或本人可查看的诉求中已通过检测的图片',
});
