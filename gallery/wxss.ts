/**
 * WXSS → CSS for a 375 px screen: 1rpx = 0.5px, `page` → the page root, WXML tag selectors →
 * the `wx-<tag>` class every converted element carries, class selectors scoped the way
 * miniprogram-simulate scopes the rendered DOM (`.<prefix>--<class>`), wx-only at-rules
 * dropped. `fontScale` multiplies every font-size (WeChat's large-text setting).
 */
import * as fs from 'fs';
import * as path from 'path';

export const RPX = 0.5;

/** WXML built-in tags that may appear as type selectors. */
export const WXML_TAGS = [
  'page', 'view', 'text', 'image', 'button', 'input', 'textarea', 'navigator', 'icon', 'picker', 'picker-view', 'picker-view-column',
  'switch', 'checkbox', 'checkbox-group', 'radio', 'radio-group', 'label', 'form', 'rich-text', 'scroll-view', 'swiper', 'swiper-item',
  'progress', 'slider', 'video', 'map', 'canvas', 'cover-view', 'cover-image', 'movable-area', 'movable-view', 'editor', 'web-view',
];
const TAG_SET = new Set(WXML_TAGS);

export interface WxssOptions {
  /** Class prefix of the scope (simulate's tag name for the component, `main` for a page); none keeps classes. */
  prefix?: string;
  /** Multiplies font sizes; 1 by default. */
  fontScale?: number;
  /** What `:host` becomes (the component's tag in the converted HTML). */
  host?: string;
}

const round = (n: number) => String(Math.round(n * 100) / 100);

/** `32rpx` → `16px`; negative and fractional values too. */
export function convertRpx(css: string): string {
  return css.replace(/(-?(?:\d+\.?\d*|\.\d+))rpx\b/g, (_m, n: string) => `${round(Number(n) * RPX)}px`);
}

/** Scales `font-size` declarations given in px (after rpx conversion). */
export function scaleFontSizes(decls: string, scale: number): string {
  if (scale === 1) return decls;
  return decls.replace(/(font-size\s*:\s*)(-?\d*\.?\d+)px/g, (_m, head: string, n: string) => `${head}${round(Number(n) * scale)}px`);
}

/** Rewrites one selector list. */
export function convertSelector(selector: string, options: WxssOptions = {}): string {
  return selector
    .split(',')
    .map((one) => {
      let s = one.trim();
      if (options.prefix) s = s.replace(/\.(-?[_a-zA-Z][-\w]*)/g, (_m, cls: string) => `.${options.prefix}--${cls}`);
      s = s.replace(/:host\b/g, options.host ?? ':root');
      // Type selectors: an identifier at the start or after a combinator or "(".
      s = s.replace(/(^|[\s>+~(])([a-z][a-z0-9-]*)/g, (m, before: string, tag: string) => (TAG_SET.has(tag) ? `${before}.wx-${tag}` : m));
      return s;
    })
    .join(', ');
}

interface Block {
  head: string;
  body: string;
}

/** Splits CSS into top-level `head { body }` blocks (bodies may nest). */
function blocks(css: string): Block[] {
  const out: Block[] = [];
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf('{', i);
    if (open < 0) break;
    let head = css.slice(i, open).trim();
    // A statement at-rule (`@import x;`, `@charset`) before the block belongs to nothing.
    const semi = head.lastIndexOf(';');
    if (semi >= 0) head = head.slice(semi + 1).trim();
    let depth = 1;
    let j = open + 1;
    while (j < css.length && depth > 0) {
      if (css[j] === '{') depth++;
      else if (css[j] === '}') depth--;
      j++;
    }
    out.push({ head, body: css.slice(open + 1, j - 1) });
    i = j;
  }
  return out;
}

const stripComments = (css: string) => css.replace(/\/\*[\s\S]*?\*\//g, '');

/** Converts WXSS text (imports already inlined) to CSS. */
export function wxssToCss(wxss: string, options: WxssOptions = {}): string {
  const scale = options.fontScale ?? 1;
  const out: string[] = [];
  for (const { head, body } of blocks(convertRpx(stripComments(wxss)))) {
    if (head.startsWith('@')) {
      const name = /^@([-\w]+)/.exec(head)?.[1] ?? '';
      if (name === 'media' || name === 'supports') out.push(`${head} {\n${wxssToCss(body, options)}\n}`);
      else if (name === 'keyframes' || name === 'font-face' || name === '-webkit-keyframes') out.push(`${head} { ${body.trim()} }`);
      // Anything else (wx-only or unknown) is dropped.
      continue;
    }
    if (!head) continue;
    out.push(`${convertSelector(head, options)} { ${scaleFontSizes(body.trim(), scale)} }`);
  }
  return out.join('\n');
}

/** Reads a WXSS file with its `@import`s inlined, relative to the importing file. */
export function readWxss(file: string, seen = new Set<string>()): string {
  if (seen.has(file) || !fs.existsSync(file)) return '';
  seen.add(file);
  const text = fs.readFileSync(file, 'utf8');
  return text.replace(/@import\s+(?:"([^"]+)"|'([^']+)')\s*;/g, (_m, a?: string, b?: string) => {
    const target = path.resolve(path.dirname(file), (a ?? b) as string);
    return readWxss(target.endsWith('.wxss') ? target : `${target}.wxss`, seen);
  });
}

/** Converts an inline `style` attribute: rpx and, if asked, font sizes. */
export function convertInlineStyle(style: string, fontScale = 1): string {
  return scaleFontSizes(convertRpx(style), fontScale);
}
