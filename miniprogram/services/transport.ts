import type { ActionEvent, Envelope } from '../core/envelope';
import { fail } from '../core/envelope';

/** Sends one action event and yields the envelope; never throws. */
export interface Transport {
  send(event: ActionEvent): Promise<Envelope<unknown>>;
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: { code?: unknown } };
  return v.ok === true || (v.ok === false && typeof v.error?.code === 'string');
}

/** Production: the `api` cloud function. The platform attaches the caller's OPENID. */
export function cloudTransport(cloud: Pick<WxCloud, 'callFunction'>): Transport {
  return {
    async send(event) {
      try {
        const res = (await cloud.callFunction({ name: 'api', data: event as unknown as Record<string, unknown> })) as {
          result?: unknown;
        };
        return isEnvelope(res.result) ? res.result : fail('INTERNAL');
      } catch {
        return fail('NETWORK_ERROR');
      }
    },
  };
}

/** Local mode: the same event to the gateway over HTTP, acting as a demo openid. */
export function gatewayTransport(
  request: WechatMiniprogram.Wx['request'],
  baseUrl: string,
  openid: string,
): Transport {
  return {
    send(event) {
      return new Promise((resolve) => {
        request({
          url: `${baseUrl}/functions/api`,
          method: 'POST',
          data: event as unknown as WechatMiniprogram.IAnyObject,
          header: { 'content-type': 'application/json', 'x-wx-openid': openid },
          timeout: 15000,
          success: (res) => resolve(isEnvelope(res.data) ? res.data : fail('INTERNAL')),
          fail: () => resolve(fail('NETWORK_ERROR')),
        });
      });
    },
  };
}
