import type { ContentChecker, ContentVerdict } from '../ports/platform';

/**
 * Local stand-in for WeChat's msgSecCheck: words on the `risky` list reject, words on the
 * `review` list hold for staff review. Matching ignores case and spacing tricks.
 */
export class WordListChecker implements ContentChecker {
  constructor(private readonly lists: { risky: string[]; review: string[] }) {}

  async checkText({ text }: { text: string }): Promise<ContentVerdict> {
    const folded = text.toLowerCase().replace(/[\s\u200B-\u200D\u2060\uFEFF*·.-]/g, '');
    if (this.lists.risky.some((w) => folded.includes(w.toLowerCase()))) return 'risky';
    if (this.lists.review.some((w) => folded.includes(w.toLowerCase()))) return 'review';
    return 'pass';
  }
}

/** The local default: a short list good enough to exercise every path in a demo. */
export const DEMO_WORD_LISTS = {
  risky: ['赌博', '代开发票', '枪支'],
  review: ['举报信', '上访'],
};
