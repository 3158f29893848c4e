/** Words for time and for a person's sentence inside a message. */
import { formatWhen, sentence } from '../../../miniprogram/core/format';

const at = (iso: string) => Date.parse(`${iso}+08:00`);

describe('when something happens, worded from the moment the message is sent', () => {
  it('says 今天 for later today, even 45 minutes ahead', () => {
    expect(formatWhen(at('2026-11-28T09:00:00'), at('2026-11-28T08:15:00'))).toBe('今天 09:00');
  });
  it('says 明天 for tomorrow, across midnight in Beijing time', () => {
    expect(formatWhen(at('2026-11-29T00:30:00'), at('2026-11-28T23:50:00'))).toBe('明天 00:30');
  });
  it('gives the date further out', () => {
    expect(formatWhen(at('2026-12-03T14:00:00'), at('2026-11-28T10:00:00'))).toBe('12月3日 14:00');
  });
});

describe('a person’s words as a sentence of a message', () => {
  it('drops the closing punctuation they typed, so the message’s 。 does not double', () => {
    expect(`${sentence('灯已更换。')}。`).toBe('灯已更换。');
    expect(sentence('好了！！ ')).toBe('好了');
    expect(sentence('一二三四五六', 3)).toBe('一二三…');
  });
});
