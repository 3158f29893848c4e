/**
 * The open-API adapters through the real SDKs, on their documented route: our adapters →
 * lazyOpenApi → wx-server-sdk's `cloud.openapi` → @cloudbase/node-sdk's `wx.openApi` call,
 * answered by a local endpoint (127.0.0.1, `serviceUrl`) that records what arrives. Each case
 * checks the route (action, apiName), the protobuf payload wx-server-sdk builds (CommApiData:
 * apiType OPEN_API (0, so not on the wire), openapiData.pairs of snake_case key and JSON value; field numbers as
 * in wx-server-sdk's protobuf/openapi.js) and how WeChat's answer, or a refusal, reaches the
 * port. It cannot speak for WeChat's servers themselves: permissions, quotas and the real
 * verdicts need a real environment.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import protobuf from 'protobufjs';
import { contextSource, lazyOpenApi, wxServerSdkOpenApi } from '../../../../cloudfunctions/lib/wiring/production';
import { WechatContentChecker } from '../../../../cloudfunctions/lib/platform/wechat-content-checker';
import { WechatMediaChecker, WechatPhoneExchange } from '../../../../cloudfunctions/lib/platform/wechat-services';
import { WechatSubscriptionSender } from '../../../../cloudfunctions/lib/platform/subscription-senders';
import type { FileUrls } from '../../../../cloudfunctions/lib/ports/platform';
import { silentLogger } from '../../../../cloudfunctions/lib/platform/system';

jest.setTimeout(15_000);

interface Received {
  action: string;
  apiName: string;
  pairs: Record<string, unknown>;
  apiType: number;
}
type Answer = { json: Record<string, unknown> } | { errorCode: number } | { tcbError: { code: string; message: string } };

/** Multipart fields of one request, binary-safe. */
function formFields(body: Buffer, contentType: string): Record<string, Buffer> {
  const boundary = Buffer.from(`--${/boundary=([^;]+)/.exec(contentType)![1]}`);
  const out: Record<string, Buffer> = {};
  let at = body.indexOf(boundary);
  while (at >= 0) {
    const next = body.indexOf(boundary, at + boundary.length);
    if (next < 0) break;
    const part = body.subarray(at + boundary.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const name = /name="([^"]+)"/.exec(part.subarray(0, split).toString())?.[1];
    if (name) out[name] = part.subarray(split + 4);
    at = next;
  }
  return out;
}

/** CommApiData decoded by field number: 1 apiType, 2 openapiData { 1 pairs { 1 key, 2 value } }. */
function decodeCommApiData(buf: Buffer): { apiType: number; pairs: Record<string, unknown> } {
  const r = protobuf.Reader.create(buf);
  let apiType = 0;
  const pairs: Record<string, unknown> = {};
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag === 8) apiType = r.int32();
    else if (tag === 18) {
      const data = protobuf.Reader.create(r.bytes());
      while (data.pos < data.len) {
        if (data.uint32() !== 10) throw new Error('unexpected OpenApiData field');
        const pair = protobuf.Reader.create(data.bytes());
        let key = '';
        let value = '';
        while (pair.pos < pair.len) {
          const t = pair.uint32();
          if (t === 10) key = pair.string();
          else if (t === 18) value = Buffer.from(pair.bytes()).toString();
          else pair.skipType(t & 7);
        }
        pairs[key] = JSON.parse(value);
      }
    } else r.skipType(tag & 7);
  }
  return { apiType, pairs };
}

/** CommOpenApiResp: 1 respData, 2 contentType, 3 errorCode. */
function encodeCommOpenApiResp(a: { respData?: Buffer; contentType?: string; errorCode?: number }): Buffer {
  const w = protobuf.Writer.create();
  if (a.respData) w.uint32(10).bytes(a.respData);
  if (a.contentType) w.uint32(18).string(a.contentType);
  if (a.errorCode) w.uint32(24).int32(a.errorCode);
  return Buffer.from(w.finish());
}

async function wechatEndpoint() {
  const received: Received[] = [];
  const answers: Answer[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        answer(Buffer.concat(chunks));
      } catch (err) {
        // Unanswered, the SDK would wait for its timeout; the failure shows at once instead.
        received.push({ action: 'unparsed', apiName: String(err), apiType: -1, pairs: {} });
        res.writeHead(500).end();
      }
    });
    const answer = (body: Buffer) => {
      const fields = formFields(body, String(req.headers['content-type']));
      const { apiType, pairs } = decodeCommApiData(fields.requestData ?? Buffer.alloc(0));
      received.push({ action: String(fields.action), apiName: String(fields.apiName), apiType, pairs });
      const next = answers.shift() ?? { json: { errcode: 0, errmsg: 'ok' } };
      if ('tcbError' in next) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...next.tcbError, requestId: 'r1' }));
      } else if ('errorCode' in next) {
        res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(encodeCommOpenApiResp({ errorCode: next.errorCode }));
      } else {
        const respData = Buffer.from(JSON.stringify(next.json));
        res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(encodeCommOpenApiResp({ respData, contentType: 'application/json; charset=UTF-8' }));
      }
    };
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let loads = 0;
  const openapi = lazyOpenApi(
    wxServerSdkOpenApi(() => {
      loads += 1;
      return { env: 'linli-test', secretId: 'AKIDtest', secretKey: 'test-key', serviceUrl: url, timeout: 5000 };
    }),
  );
  return { received, answers, openapi, loads: () => loads, close: () => new Promise((ok) => server.close(ok)) };
}

const savedEnv = process.env.TENCENTCLOUD;
let wx: Awaited<ReturnType<typeof wechatEndpoint>>;
beforeAll(() => {
  // Keeps node-sdk from asking Tencent Cloud's metadata server where it runs.
  process.env.TENCENTCLOUD = 'true';
});
afterAll(() => {
  if (savedEnv === undefined) delete process.env.TENCENTCLOUD;
  else process.env.TENCENTCLOUD = savedEnv;
});
beforeEach(async () => {
  jest.resetModules();
  wx = await wechatEndpoint();
});
afterEach(() => wx.close());

describe('msgSecCheck through wx-server-sdk and node-sdk', () => {
  const check = () => new WechatContentChecker(wx.openapi, silentLogger).checkText({ text: '楼道灯坏了', openid: 'o_resident', scene: 'forum' });

  it('sends wx.openApi security.msgSecCheck with version 2, the scene and the openid, and takes result.suggest', async () => {
    wx.answers.push({ json: { errcode: 0, errmsg: 'ok', result: { suggest: 'risky', label: 20001 }, detail: [], trace_id: 't1' } });
    expect(await check()).toBe('risky');
    expect(wx.received).toEqual([
      { action: 'wx.openApi', apiName: 'security.msgSecCheck', apiType: 0, pairs: { version: 2, openid: 'o_resident', scene: 3, content: '楼道灯坏了' } },
    ]);
  });
  it('holds the text for review when WeChat answers an errcode, a platform error or a TCB error', async () => {
    wx.answers.push({ json: { errcode: 40003, errmsg: 'invalid openid' } }, { errorCode: -604101 }, { tcbError: { code: 'SYS_ERR', message: 'boom' } });
    expect([await check(), await check(), await check()]).toEqual(['review', 'review', 'review']);
  });
  it('loads wx-server-sdk once, on the first call', async () => {
    expect(wx.loads()).toBe(0);
    await check();
    await check();
    expect(wx.loads()).toBe(1);
    expect(wx.received).toHaveLength(2);
  });
});

describe('mediaCheckAsync, getPhoneNumber and subscribeMessage.send on the same route', () => {
  const urls: FileUrls = { tempUrls: async (ids) => Object.fromEntries(ids.map((id) => [id, `https://tmp.example/${id}`])), exists: async () => true };

  it('asks mediaCheckAsync for the temp URL as an image, scene 3, and returns trace_id', async () => {
    wx.answers.push({ json: { errcode: 0, errmsg: 'ok', trace_id: 'trace-9' } });
    expect(await new WechatMediaChecker(wx.openapi, urls).request({ fileId: 'cloud://f1', openid: 'o1' })).toEqual({ traceId: 'trace-9' });
    expect(wx.received[0]).toMatchObject({ action: 'wx.openApi', apiName: 'security.mediaCheckAsync', pairs: { media_url: 'https://tmp.example/cloud://f1', media_type: 2, version: 2, scene: 3, openid: 'o1' } });
  });
  it('exchanges a phone code for phone_info.purePhoneNumber, and a refused code for a field error', async () => {
    wx.answers.push({ json: { errcode: 0, errmsg: 'ok', phone_info: { phoneNumber: '+86 13800000000', purePhoneNumber: '13800000000', countryCode: '86' } } }, { json: { errcode: 40029, errmsg: 'invalid code' } });
    const phones = new WechatPhoneExchange(wx.openapi);
    expect(await phones.exchange('code-1')).toBe('13800000000');
    await expect(phones.exchange('code-2')).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(wx.received.map((r) => [r.apiName, r.pairs])).toEqual([
      ['phonenumber.getPhoneNumber', { code: 'code-1' }],
      ['phonenumber.getPhoneNumber', { code: 'code-2' }],
    ]);
  });
  it('sends a subscription message with template_id and miniprogram_state; 43101 is refused, others throw', async () => {
    wx.answers.push({ json: { errcode: 0, errmsg: 'ok' } }, { json: { errcode: 43101, errmsg: 'user refuse to accept the msg' } }, { json: { errcode: 47003, errmsg: 'argument invalid' } });
    const sender = new WechatSubscriptionSender(wx.openapi, 'trial');
    const m = { openid: 'o1', templateId: 'tpl-1', page: 'pages/inbox/index', data: { thing1: { value: '维修' } }, idempotencyKey: 'k1' };
    expect(await sender.send(m)).toBe('sent');
    expect(await sender.send(m)).toBe('refused');
    await expect(sender.send(m)).rejects.toThrow('subscribeMessage.send failed: 47003');
    expect(wx.received[0]).toEqual({
      action: 'wx.openApi',
      apiName: 'subscribeMessage.send',
      apiType: 0,
      pairs: { touser: 'o1', template_id: 'tpl-1', page: 'pages/inbox/index', data: { thing1: { value: '维修' } }, miniprogram_state: 'trial' },
    });
  });
});

describe('SOURCE as getWXContext reads it', () => {
  it('takes TCB_SOURCE first, then WX_SOURCE when listed in WX_CONTEXT_KEYS, and agrees with wx-server-sdk', () => {
    const cases: NodeJS.ProcessEnv[] = [
      { WX_CONTEXT_KEYS: 'WX_OPENID,WX_SOURCE', WX_OPENID: 'o', WX_SOURCE: 'wx_client' },
      { WX_CONTEXT_KEYS: 'WX_OPENID', WX_SOURCE: 'wx_client' },
      { WX_CONTEXT_KEYS: 'WX_SOURCE', WX_SOURCE: 'wx_client', TCB_SOURCE: 'wx_trigger' },
      {},
    ];
    const saved = { ...process.env };
    try {
      for (const env of cases) {
        process.env = { ...env };
        const cloud = require('wx-server-sdk');
        expect(contextSource(env)).toBe((cloud.getWXContext() as { SOURCE?: string }).SOURCE);
      }
    } finally {
      process.env = saved;
    }
    expect(contextSource({ WX_CONTEXT_KEYS: 'WX_SOURCE', WX_SOURCE: 'wx_client' })).toBe('wx_client');
  });
});
