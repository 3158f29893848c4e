import {
  chooseImages,
  cloudUploader,
  localUploader,
  LOCAL_UPLOAD_UNSUPPORTED,
  photoSrc,
  pickPhotos,
  UPLOAD_FAILED,
  uploadPhotos,
  type ChooseMedia,
} from '../../../miniprogram/services/upload';
import { fileId } from '../../../miniprogram/core/schema';

const choosing = (paths: string[]): ChooseMedia & jest.Mock =>
  jest.fn((opts) => opts.success({ tempFiles: paths.map((tempFilePath) => ({ tempFilePath })) })) as never;

describe('cloud uploads', () => {
  it('store under a random month path and yield the fileID', async () => {
    const uploadFile = jest.fn(async (o: { cloudPath: string; filePath: string }) => ({ fileID: `cloud://prod-1a2b.7072-prod-1a2b-1250000000/${o.cloudPath}` }));
    const up = cloudUploader({ uploadFile }, () => Date.UTC(2026, 4, 31, 17), () => 0.123456789);
    const id = await up('wxfile://tmp_abc.PNG');
    const { cloudPath, filePath } = uploadFile.mock.calls[0][0];
    // 01:00 on June 1st in Beijing: the June bucket.
    expect(cloudPath).toMatch(/^concern\/202606\/[a-z0-9]+-[a-z0-9]+\.png$/);
    expect(filePath).toBe('wxfile://tmp_abc.PNG');
    expect(fileId.safeParse(id).success).toBe(true);
  });

  it('report a failed upload without the SDK’s text', async () => {
    const up = cloudUploader({ uploadFile: async () => Promise.reject(new Error('cloud.uploadFile:fail -404011 internal')) });
    await expect(up('wxfile://x.jpg')).rejects.toThrow(UPLOAD_FAILED);
  });
});

describe('local mode', () => {
  it('says plainly that it cannot upload', async () => {
    const res = await uploadPhotos(['wxfile://a.jpg'], localUploader());
    expect(res).toEqual({ fileIds: [], error: LOCAL_UPLOAD_UNSUPPORTED });
  });
});

describe('uploading several photos', () => {
  it('keeps the order and the ones that arrived when one fails', async () => {
    const res = await uploadPhotos(['a.jpg', 'b.jpg', 'c.jpg'], async (p) => {
      if (p === 'b.jpg') throw new Error('timeout');
      return `cloud://env-1.b/concern/202605/${p}`;
    });
    expect(res.fileIds).toEqual(['cloud://env-1.b/concern/202605/a.jpg', 'cloud://env-1.b/concern/202605/c.jpg']);
    expect(res.error).toBe(UPLOAD_FAILED);
  });

  it('refuses an id the server would refuse', async () => {
    const res = await uploadPhotos(['a.jpg'], async () => 'https://evil.example/a.jpg');
    expect(res).toEqual({ fileIds: [], error: UPLOAD_FAILED });
  });
});

describe('picking photos', () => {
  it('asks only for the room left and uploads what was chosen', async () => {
    const choose = choosing(['t1.jpg', 't2.jpg']);
    const res = await pickPhotos(7, 9, async (p) => `cloud://env-1.b/concern/202605/${p}`, choose);
    expect(choose.mock.calls[0][0]).toMatchObject({ count: 2, mediaType: ['image'], sizeType: ['compressed'] });
    expect(res.fileIds).toHaveLength(2);
  });

  it('does not open the picker when the limit is reached', async () => {
    const choose = choosing([]);
    const res = await pickPhotos(9, 9, async () => '', choose);
    expect(choose).not.toHaveBeenCalled();
    expect(res.error).toBe('最多上传9张图片');
  });

  it('treats a cancel as nothing, and a refusal as a message', async () => {
    const cancel: ChooseMedia = (o) => o.fail({ errMsg: 'chooseMedia:fail cancel' });
    const denied: ChooseMedia = (o) => o.fail({ errMsg: 'chooseMedia:fail auth deny' });
    expect(await chooseImages(3, cancel)).toEqual({ paths: [], error: '' });
    expect((await chooseImages(3, denied)).error).toContain('允许访问');
  });
});

describe('showing a stored photo', () => {
  it('loads cloud ids as they are and local ids from the gateway', () => {
    expect(photoSrc('cloud://env-1.b/concern/a.jpg')).toBe('cloud://env-1.b/concern/a.jpg');
    expect(photoSrc('local://uploads/a.jpg', 'http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787/uploads/a.jpg');
  });
});
