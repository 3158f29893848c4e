import fs from 'node:fs';
import type { SubscriptionMessage, SubscriptionSender } from '../ports/platform';

/** The slice of wx-server-sdk's cloud.openapi used to push. */
export interface SubscribeMessageApi {
  subscribeMessage: {
    send(args: { touser: string; templateId: string; page?: string; data: SubscriptionMessage['data']; miniprogramState?: string }): Promise<{ errCode?: number }>;
  };
}

/**
 * WeChat subscribeMessage.send through cloud.openapi. WeChat offers no idempotency key, so
 * a crash between sending and recording "sent" can repeat one message (at least once);
 * the outbox keeps that window to one call.
 */
export class WechatSubscriptionSender implements SubscriptionSender {
  constructor(private readonly openapi: SubscribeMessageApi, private readonly state: 'formal' | 'trial' | 'developer' = 'formal') {}

  async send(m: SubscriptionMessage): Promise<'sent' | 'refused'> {
    try {
      await this.openapi.subscribeMessage.send({ touser: m.openid, templateId: m.templateId, page: m.page, data: m.data, miniprogramState: this.state });
      return 'sent';
    } catch (err) {
      const code = (err as { errCode?: number }).errCode;
      // 43101: the user has not (or no longer) subscribed to this template.
      if (code === 43101) return 'refused';
      throw new Error(`subscribeMessage.send failed: ${code ?? 'unknown'}`);
    }
  }
}

/**
 * Local stand-in: appends each message to a JSON-lines file you can read
 * (.data/outbox.jsonl), once per idempotency key even across restarts.
 */
export class FileSubscriptionSender implements SubscriptionSender {
  private readonly seen = new Set<string>();
  constructor(private readonly file: string) {
    if (fs.existsSync(file)) {
      for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
        if (line.trim()) this.seen.add((JSON.parse(line) as { idempotencyKey: string }).idempotencyKey);
      }
    }
  }

  async send(m: SubscriptionMessage): Promise<'sent' | 'refused'> {
    if (this.seen.has(m.idempotencyKey)) return 'sent';
    fs.appendFileSync(this.file, `${JSON.stringify({ ...m, at: new Date().toISOString() })}\n`);
    this.seen.add(m.idempotencyKey);
    return 'sent';
  }
}
