import type { ContentChecker, ContentVerdict, Logger } from '../ports/platform';

/** The slice of wx-server-sdk's `cloud.openapi` this adapter calls. */
export interface MsgSecCheckApi {
  security: {
    msgSecCheck(args: {
      version: 2;
      openid: string;
      scene: 1 | 2 | 3 | 4;
      content: string;
    }): Promise<{ errCode?: number; result?: { suggest?: string; label?: number } }>;
  };
}

const SCENES = { profile: 1, comment: 2, forum: 3 } as const;

/**
 * WeChat msgSecCheck v2. The verdict is `result.suggest`; `errCode 0` only says the call
 * worked. Any failure or unknown answer holds the text for review: closed, never open.
 */
export class WechatContentChecker implements ContentChecker {
  constructor(private readonly openapi: MsgSecCheckApi, private readonly log: Logger) {}

  async checkText({ text, openid, scene }: { text: string; openid: string; scene: keyof typeof SCENES }): Promise<ContentVerdict> {
    try {
      const res = await this.openapi.security.msgSecCheck({
        version: 2,
        openid,
        scene: SCENES[scene],
        content: text.slice(0, 2500),
      });
      const suggest = res.result?.suggest;
      if (suggest === 'pass' || suggest === 'review' || suggest === 'risky') return suggest;
      this.log.error({ port: 'content', error: 'msgSecCheck answered without a verdict' });
      return 'review';
    } catch (err) {
      this.log.error({ port: 'content', error: `msgSecCheck failed: ${(err as { errCode?: number })?.errCode ?? 'unknown'}` });
      return 'review';
    }
  }
}
