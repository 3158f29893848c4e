/**
 * The one content check every written text goes through: what it refuses, what it holds,
 * and that a checker which cannot answer clears nothing.
 */
import { checkWritten, REJECTED_MESSAGE, UNCLEARED_MESSAGE } from '../../../../cloudfunctions/lib/kernel/content';
import type { ContentChecker } from '../../../../cloudfunctions/lib/ports/platform';
import { DEMO_WORD_LISTS, WordListChecker } from '../../../../cloudfunctions/lib/platform/word-list-checker';

const caller = { openid: 'o1' } as never;
const ctxWith = (content: ContentChecker) => ({ caller, deps: { content } as never });
const words = ctxWith(new WordListChecker(DEMO_WORD_LISTS));
const failing = ctxWith({ checkText: () => Promise.reject(new Error('msgSecCheck timed out')) });

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    return err as { code: string; message: string; details: unknown };
  }
  throw new Error('not refused');
}

describe('a refused word', () => {
  it('is CONTENT_REJECTED naming the field it was in', async () => {
    const err = await refusal(checkWritten(words, { text: '楼道灯坏了', comment: '有人赌博' }));
    expect(err).toMatchObject({ code: 'CONTENT_REJECTED', message: REJECTED_MESSAGE, details: { issues: [{ path: 'comment', message: REJECTED_MESSAGE }] } });
  });
  it('wins over a word held for review in another field, even with a hold', async () => {
    const err = await refusal(checkWritten(words, { text: '写举报信', reason: '赌博' }, { hold: true }));
    expect(err).toMatchObject({ details: { issues: [{ path: 'reason' }] } });
  });
});

describe('words the check could not clear', () => {
  it('are refused with a message saying how to go on, where there is no hold', async () => {
    expect(await refusal(checkWritten(words, { note: '我要写举报信' }))).toMatchObject({ code: 'CONTENT_REJECTED', message: UNCLEARED_MESSAGE, details: { issues: [{ path: 'note' }] } });
  });
  it('are held where the caller keeps them out of sight', async () => {
    expect(await checkWritten(words, { text: '我要写举报信' }, { hold: true })).toBe('review');
  });
  it('include everything a failing checker was asked about: closed, never open', async () => {
    expect(await refusal(checkWritten(failing, { text: '楼道灯坏了' }))).toMatchObject({ code: 'CONTENT_REJECTED', details: { issues: [{ path: 'text' }] } });
    expect(await checkWritten(failing, { text: '楼道灯坏了' }, { hold: true })).toBe('review');
  });
});

describe('fields left empty', () => {
  it('are not sent to the checker', async () => {
    const checkText = jest.fn(async () => 'pass' as const);
    expect(await checkWritten(ctxWith({ checkText }), { text: undefined, reason: null, note: '  ', comment: '谢谢' })).toBe('pass');
    expect(checkText).toHaveBeenCalledTimes(1);
  });
});
