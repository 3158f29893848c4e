/**
 * Every text a person writes goes through the content check before anyone else sees it —
 * a concern, and as much a supplement, a rating comment, a reply, a note, a reason, a name.
 * One helper for all of them, so no use case can forget a field or judge a verdict its own
 * way. `risky` is refused naming the field (a form shows it there). What the check could not
 * clear (`review`, or the checker failed) is held where a hold exists — only a concern's own
 * words have one (`hold: true`, shown to its author and the moderators until decided) — and
 * everywhere else refused with a message saying how to go on, never let through unseen.
 */
import { fieldError } from '../../../miniprogram/core/errors';
import type { ContentVerdict } from '../ports/platform';
import type { HandlerContext } from './action';
import type { IdentifiedCaller } from './caller';

/** The texts of one call, by the input field they came in (the error names it). */
export type WrittenFields = Record<string, string | null | undefined>;

export interface CheckOptions {
  /** WeChat's msgSecCheck scene: names are a profile, long texts a forum post. */
  scene?: 'comment' | 'profile' | 'forum';
  /** The caller keeps a held text out of sight itself: `review` is returned, not refused. */
  hold?: boolean;
}

export const REJECTED_MESSAGE = '内容含有不适宜发布的信息，请修改后再提交';
export const UNCLEARED_MESSAGE = '内容暂时无法通过自动审核，请修改措辞后再试，或稍后重试';

type Ctx = Pick<HandlerContext<unknown, IdentifiedCaller>, 'deps' | 'caller'>;

export async function checkWritten(ctx: Ctx, fields: WrittenFields, options: CheckOptions = {}): Promise<Exclude<ContentVerdict, 'risky'>> {
  const scene = options.scene ?? 'comment';
  const written = Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '');
  // A checker that fails has not cleared anything: closed, never open.
  const verdicts = await Promise.all(
    written.map(([, text]) => ctx.deps.content.checkText({ text, openid: ctx.caller.openid, scene }).catch((): ContentVerdict => 'review')),
  );
  const risky = written.find((_, i) => verdicts[i] === 'risky');
  if (risky) throw fieldError('CONTENT_REJECTED', risky[0], REJECTED_MESSAGE);
  const uncleared = written.find((_, i) => verdicts[i] === 'review');
  if (!uncleared) return 'pass';
  if (options.hold) return 'review';
  throw fieldError('CONTENT_REJECTED', uncleared[0], UNCLEARED_MESSAGE);
}
