import {
  chooseImages,
  cloudStore,
  COMPRESS_ABOVE_BYTES,
  compressor,
  localStore,
  photoUploader,
  pickPhotos,
  PHOTO_TOO_LARGE,
  registerWith,
  UPLOAD_FAILED,
  uploadPhotos,
  type ChooseMedia,
  type CompressApi,
  type WxUploadFile,
} from '../../../miniprogram/services/upload';
import { fileId } from '../../../miniprogram/core/schema';
import { fail, ok } from '../../../miniprogram/core/envelope';

const choosing = (files: Array<{ path: string; size?: number }>): ChooseMedia & jest.Mock =>
  jest.fn((opts) => opts.success({ tempFiles: files.map((f) => ({ tempFilePath: f.path, size: f.size })) })) as never;

/** A gateway that answers like dev/uploads.ts. */
function gateway(answer: (n: number) => { statusCode: number; data: string }) {
  let n = 0;
  return jest.fn((o: Parameters<WxUploadFile>[0]) => o.success(answer(++n))) as jest.Mock & WxUploadFile;
}

describe('cloud uploads', () => {
  it('go into the uploader’s own folder, named by time and a random part', async () => {
    const uploadFile = jest.fn(async (o: { cloudPath: string; filePath: string }) => ({ fileID: `cloud://prod-1a2b.7072-prod-1a2b-1250000000/${o.cloudPath}` }));
    const store = cloudStore({ uploadFile }, 'mem-7f3a', () => 1780000000000, () => 0.123456789);
    const id = await store('wxfile://tmp_abc.jpg');
    const { cloudPath, filePath } = uploadFile.mock.calls[0][0];
    expect(cloudPath).toMatch(/^uploads\/mem-7f3a\/1780000000000-[a-z0-9]+\.jpg$/);
    expect(filePath).toBe('wxfile://tmp_abc.jpg');
    expect(id).toContain('/uploads/mem-7f3a/');
    expect(fileId.safeParse(id).success).toBe(true);
  });

  it('report a failed upload without the SDK’s text', async () => {
    const store = cloudStore({ uploadFile: async () => Promise.reject(new Error('cloud.uploadFile:fail -404011 internal')) }, 'm1');
    await expect(store('wxfile://x.jpg')).rejects.toThrow(UPLOAD_FAILED);
  });

  it('refuse to upload without a member id to name the folder', async () => {
    const uploadFile = jest.fn();
    await expect(cloudStore({ uploadFile }, '')('wxfile://x.jpg')).rejects.toThrow();
    expect(uploadFile).not.toHaveBeenCalled();
  });
});

describe('local mode uploads', () => {
  it('post the file to the gateway’s /uploads as the demo caller and yield its id', async () => {
    const uploadFile = gateway(() => ({ statusCode: 200, data: JSON.stringify({ ok: true, data: { fileId: 'local://uploads/m1_ab12.jpg' } }) }));
    const id = await localStore(uploadFile, 'http://127.0.0.1:8787', 'demo-resident-1')('wxfile://tmp/a.jpg');
    expect(uploadFile.mock.calls[0][0]).toMatchObject({
      url: 'http://127.0.0.1:8787/uploads',
      filePath: 'wxfile://tmp/a.jpg',
      name: 'file',
      header: { 'x-wx-openid': 'demo-resident-1' },
    });
    expect(id).toBe('local://uploads/m1_ab12.jpg');
  });

  it('pass on the gateway’s words when it refuses', async () => {
    const uploadFile = gateway(() => ({ statusCode: 413, data: JSON.stringify({ ok: false, error: { code: 'VALIDATION_ERROR', message: '图片不能超过2MB，请压缩后再传' } }) }));
    await expect(localStore(uploadFile, 'http://x', 'o')('a.jpg')).rejects.toThrow('图片不能超过2MB，请压缩后再传');
  });

  it('treat garbage or a network failure as a failed upload', async () => {
    await expect(localStore(gateway(() => ({ statusCode: 502, data: '<html>' })), 'http://x', 'o')('a.jpg')).rejects.toThrow(UPLOAD_FAILED);
    const down = jest.fn((o: Parameters<WxUploadFile>[0]) => o.fail({ errMsg: 'uploadFile:fail timeout' })) as jest.Mock & WxUploadFile;
    await expect(localStore(down, 'http://x', 'o')('a.jpg')).rejects.toThrow(UPLOAD_FAILED);
  });
});

describe('compression before upload', () => {
  const api = (result: string | null) =>
    ({
      compressImage: jest.fn((o: Parameters<CompressApi['compressImage']>[0]) =>
        result ? o.success({ tempFilePath: result }) : o.fail({ errMsg: 'compressImage:fail' }),
      ),
    }) as CompressApi & { compressImage: jest.Mock };

  it('re-encodes a big photo at quality 70', async () => {
    const a = api('wxfile://tmp/small.jpg');
    expect(await compressor(a)('wxfile://tmp/big.jpg', 3 * 1024 * 1024)).toBe('wxfile://tmp/small.jpg');
    expect(a.compressImage.mock.calls[0][0]).toMatchObject({ src: 'wxfile://tmp/big.jpg', quality: 70 });
  });

  it('leaves a small photo alone', async () => {
    const a = api('wxfile://tmp/small.jpg');
    expect(await compressor(a)('wxfile://tmp/a.jpg', COMPRESS_ABOVE_BYTES - 1)).toBe('wxfile://tmp/a.jpg');
    expect(a.compressImage).not.toHaveBeenCalled();
  });

  it('sends the original when compression fails and it is within the limit, refuses it otherwise', async () => {
    expect(await compressor(api(null))('wxfile://tmp/a.jpg', 800 * 1024)).toBe('wxfile://tmp/a.jpg');
    await expect(compressor(api(null))('wxfile://tmp/a.jpg', 5 * 1024 * 1024)).rejects.toThrow(PHOTO_TOO_LARGE);
  });
});

describe('the whole pipeline for one photo', () => {
  it('compresses, stores, then registers the file with media.register', async () => {
    const order: string[] = [];
    const register = jest.fn(async (id: string) => ok({ fileId: id, status: 'pending' as const }));
    const upload = photoUploader({
      compress: async (p) => (order.push(`compress ${p}`), 'wxfile://tmp/small.jpg'),
      store: async (p) => (order.push(`store ${p}`), 'cloud://env-1.b/uploads/m1/1-a.jpg'),
      register: registerWith(async (id) => (order.push(`register ${id}`), register(id))),
    });
    expect(await upload('wxfile://tmp/big.jpg', 3_000_000)).toBe('cloud://env-1.b/uploads/m1/1-a.jpg');
    expect(order).toEqual(['compress wxfile://tmp/big.jpg', 'store wxfile://tmp/small.jpg', 'register cloud://env-1.b/uploads/m1/1-a.jpg']);
  });

  it('fails with the server’s message when registration is refused', async () => {
    const upload = photoUploader({
      store: async () => 'cloud://env-1.b/uploads/m1/1-a.jpg',
      register: registerWith(async () => fail('FORBIDDEN', '只能登记本人上传的图片')),
    });
    await expect(upload('a.jpg')).rejects.toThrow('只能登记本人上传的图片');
  });

  it('does not register an id the server would refuse', async () => {
    const register = jest.fn();
    const upload = photoUploader({ store: async () => 'https://evil.example/a.jpg', register });
    await expect(upload('a.jpg')).rejects.toThrow(UPLOAD_FAILED);
    expect(register).not.toHaveBeenCalled();
  });
});

describe('uploading several photos', () => {
  it('keeps the order and the ones that arrived when one fails', async () => {
    const res = await uploadPhotos(
      [{ path: 'a.jpg', size: 1 }, { path: 'b.jpg', size: 1 }, { path: 'c.jpg', size: 1 }],
      async (p) => {
        if (p === 'b.jpg') throw new Error('timeout');
        return `cloud://env-1.b/uploads/m1/${p}`;
      },
    );
    expect(res.fileIds).toEqual(['cloud://env-1.b/uploads/m1/a.jpg', 'cloud://env-1.b/uploads/m1/c.jpg']);
    expect(res.photos).toEqual([
      { id: 'cloud://env-1.b/uploads/m1/a.jpg', src: 'a.jpg', pending: false },
      { id: 'cloud://env-1.b/uploads/m1/c.jpg', src: 'c.jpg', pending: false },
    ]);
    expect(res.error).toBe(UPLOAD_FAILED);
  });

  it('hands each photo’s size to the uploader, so big ones get compressed', async () => {
    const upload = jest.fn(async (p: string) => `cloud://env-1.b/uploads/m1/${p}`);
    await uploadPhotos([{ path: 'a.jpg', size: 2_500_000 }], upload);
    expect(upload).toHaveBeenCalledWith('a.jpg', 2_500_000);
  });
});

describe('picking photos', () => {
  it('asks only for the room left, compressed, and uploads what was chosen with its size', async () => {
    const choose = choosing([{ path: 't1.jpg', size: 900_000 }, { path: 't2.jpg' }]);
    const upload = jest.fn(async (p: string) => `cloud://env-1.b/uploads/m1/${p}`);
    const res = await pickPhotos(7, 9, 'm1', upload, choose);
    expect(choose.mock.calls[0][0]).toMatchObject({ count: 2, mediaType: ['image'], sizeType: ['compressed'] });
    expect(upload.mock.calls).toEqual([
      ['t1.jpg', 900_000],
      ['t2.jpg', 0],
    ]);
    expect(res.fileIds).toHaveLength(2);
  });

  it('does not open the picker when the limit is reached', async () => {
    const choose = choosing([]);
    const res = await pickPhotos(9, 9, 'm1', async () => '', choose);
    expect(choose).not.toHaveBeenCalled();
    expect(res.error).toBe('最多上传9张图片');
  });

  it('treats a cancel as nothing, and a refusal as a message', async () => {
    const cancel: ChooseMedia = (o) => o.fail({ errMsg: 'chooseMedia:fail cancel' });
    const denied: ChooseMedia = (o) => o.fail({ errMsg: 'chooseMedia:fail auth deny' });
    expect(await chooseImages(3, cancel)).toEqual({ files: [], error: '' });
    expect((await chooseImages(3, denied)).error).toContain('允许访问');
  });
});
