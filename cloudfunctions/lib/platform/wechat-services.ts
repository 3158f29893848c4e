/**
 * Production adapters for WeChat open APIs (through wx-server-sdk's cloud.openapi) and
 * CloudBase storage. Each is a thin translation; failures surface as errors the use cases
 * treat as "not cleared" (fail closed).
 */
import type { FileUrls, MediaChecker, PhoneExchange } from '../ports/platform';
import { fieldError } from '../../../miniprogram/core/errors';

export interface WechatOpenApi {
  security: { mediaCheckAsync(args: { mediaUrl: string; mediaType: 2; version: 2; scene: number; openid: string }): Promise<{ traceId?: string }> };
  phonenumber: { getPhoneNumber(args: { code: string }): Promise<{ phoneInfo?: { purePhoneNumber?: string; phoneNumber?: string } }> };
}

export interface TempUrlApi {
  getTempFileURL(args: { fileList: string[] }): Promise<{ fileList: Array<{ fileID: string; tempFileURL: string; code?: string }> }>;
}

export class CloudbaseFileUrls implements FileUrls {
  constructor(private readonly app: TempUrlApi) {}
  async tempUrls(fileIds: string[]): Promise<Record<string, string>> {
    if (fileIds.length === 0) return {};
    const res = await this.app.getTempFileURL({ fileList: fileIds });
    return Object.fromEntries(res.fileList.filter((f) => f.tempFileURL && (!f.code || f.code === 'SUCCESS')).map((f) => [f.fileID, f.tempFileURL]));
  }
  /** getTempFileURL reports each file's status: STORAGE_FILE_NONEXIST for one never uploaded. */
  async exists(fileId: string): Promise<boolean> {
    const res = await this.app.getTempFileURL({ fileList: [fileId] });
    const file = res.fileList.find((f) => f.fileID === fileId);
    return !!file && (!file.code || file.code === 'SUCCESS') && !!file.tempFileURL;
  }
}

export class WechatMediaChecker implements MediaChecker {
  constructor(private readonly openapi: WechatOpenApi, private readonly urls: FileUrls) {}
  async request({ fileId, openid }: { fileId: string; openid: string }): Promise<{ traceId: string }> {
    // mediaCheckAsync fetches the image itself, so it needs a public https URL, not a fileID.
    const url = (await this.urls.tempUrls([fileId]))[fileId];
    if (!url) throw new Error('no temp url for media check');
    const res = await this.openapi.security.mediaCheckAsync({ mediaUrl: url, mediaType: 2, version: 2, scene: 3, openid });
    if (!res.traceId) throw new Error('mediaCheckAsync returned no trace id');
    return { traceId: res.traceId };
  }
}

export class WechatPhoneExchange implements PhoneExchange {
  constructor(private readonly openapi: WechatOpenApi) {}
  async exchange(code: string): Promise<string> {
    try {
      const res = await this.openapi.phonenumber.getPhoneNumber({ code });
      const phone = res.phoneInfo?.purePhoneNumber ?? res.phoneInfo?.phoneNumber;
      if (!phone) throw new Error('no phone');
      return phone;
    } catch {
      throw fieldError('VALIDATION_ERROR', 'code', '手机号授权已失效，请重新获取');
    }
  }
}
