/**
 * The rendered page DOM (miniprogram-simulate's `wx-*` elements) → static HTML a browser
 * lays out the way WeChat would: WXML tags mapped to HTML ones, each carrying a `wx-<tag>`
 * class (so converted WXSS type selectors match), classes and inline styles kept, the
 * properties reflected as `data-wx-*` (src, value, placeholder, checked…) turned into what
 * they show. Custom components stay as their own tag, inline like WeChat's host nodes.
 */
import { convertInlineStyle } from './wxss';

export interface HtmlOptions {
  fontScale?: number;
  /** Image sources a screenshot can load; others become a grey placeholder. */
  loadable?: (src: string) => boolean;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const attr = (s: string) => esc(s).replace(/"/g, '&quot;');

/** HTML tag for each WXML tag; anything else `wx-*` becomes a div. */
export const TAG_MAP: Record<string, string> = {
  view: 'div',
  'cover-view': 'div',
  'scroll-view': 'div',
  swiper: 'div',
  'swiper-item': 'div',
  text: 'span',
  image: 'img',
  'cover-image': 'img',
  button: 'button',
  input: 'input',
  textarea: 'textarea',
  navigator: 'a',
  icon: 'i',
  picker: 'div',
  switch: 'span',
  checkbox: 'span',
  'checkbox-group': 'div',
  radio: 'span',
  'radio-group': 'div',
  label: 'label',
  form: 'form',
  'rich-text': 'div',
  progress: 'div',
  slider: 'div',
};

const VOID = new Set(['img', 'input']);

/** WeUI icon types → a glyph in a coloured circle. */
const ICONS: Record<string, [string, string]> = {
  success: ['✓', '#07c160'],
  success_no_circle: ['✓', '#07c160'],
  info: ['i', '#10aeff'],
  warn: ['!', '#fa5151'],
  waiting: ['…', '#10aeff'],
  cancel: ['×', '#fa5151'],
  download: ['↓', '#07c160'],
  search: ['⌕', '#808080'],
  clear: ['×', '#b2b2b2'],
};

interface Mapped {
  tag: string;
  attrs: Record<string, string>;
  /** Replaces the children (inputs' text, icons' glyph, rich-text). */
  inner?: string;
  classes: string[];
}

function dataWx(el: Element, name: string): string | null {
  return el.getAttribute(`data-wx-${name}`);
}

/** Maps one `wx-*` element. */
export function mapWxElement(el: Element, wxTag: string, options: HtmlOptions = {}): Mapped {
  const tag = TAG_MAP[wxTag] ?? 'div';
  const classes = [`wx-${wxTag}`];
  const attrs: Record<string, string> = {};
  const m: Mapped = { tag, attrs, classes };
  const flag = (name: string) => dataWx(el, name) !== null;
  switch (wxTag) {
    case 'image':
    case 'cover-image': {
      const src = dataWx(el, 'src') ?? '';
      const mode = dataWx(el, 'mode') ?? 'scaleToFill';
      classes.push(`wx-image-${mode.replace(/\s+/g, '-')}`);
      if (src && (options.loadable?.(src) ?? false)) {
        attrs.src = src;
      } else {
        // An address the screenshot cannot fetch (cloud file, local gateway): a grey box.
        m.tag = 'span';
        classes.push('wx-image-placeholder');
        attrs.title = src;
      }
      break;
    }
    case 'input': {
      attrs.value = dataWx(el, 'value') ?? '';
      const ph = dataWx(el, 'placeholder');
      if (ph) attrs.placeholder = ph;
      attrs.type = flag('password') ? 'password' : 'text';
      if (flag('disabled')) attrs.disabled = '';
      break;
    }
    case 'textarea': {
      const ph = dataWx(el, 'placeholder');
      if (ph) attrs.placeholder = ph;
      if (flag('disabled')) attrs.disabled = '';
      m.inner = esc(dataWx(el, 'value') ?? '');
      break;
    }
    case 'button': {
      const type = dataWx(el, 'type') ?? 'default';
      classes.push(`wx-button-${type}`);
      if (dataWx(el, 'size') === 'mini') classes.push('wx-button-mini');
      if (flag('plain')) classes.push('wx-button-plain');
      if (flag('loading')) classes.push('wx-button-loading');
      if (flag('disabled')) attrs.disabled = '';
      attrs.type = 'button';
      break;
    }
    case 'switch':
    case 'checkbox':
    case 'radio': {
      if (flag('checked')) classes.push(`wx-${wxTag}-checked`);
      if (flag('disabled')) classes.push(`wx-${wxTag}-disabled`);
      const color = dataWx(el, 'color');
      if (color && flag('checked')) attrs.style = `--wx-checked: ${color};`;
      break;
    }
    case 'icon': {
      const type = dataWx(el, 'type') ?? 'info';
      const [glyph, color] = ICONS[type] ?? ['•', '#808080'];
      const size = Number(dataWx(el, 'size') ?? 23);
      attrs.style = `--wx-icon-size: ${size}px; --wx-icon-color: ${dataWx(el, 'color') ?? color};`;
      m.inner = glyph;
      break;
    }
    case 'rich-text': {
      const nodes = dataWx(el, 'nodes');
      // A string of HTML is what rich-text shows; node arrays become their text.
      if (nodes) m.inner = nodes.startsWith('[') ? esc(richText(JSON.parse(nodes) as unknown)) : nodes.replace(/<script[\s\S]*?<\/script>/gi, '');
      break;
    }
    case 'progress': {
      const percent = Number(dataWx(el, 'percent') ?? 0);
      m.inner = `<span class="wx-progress-bar"><span class="wx-progress-inner" style="width:${percent}%"></span></span>`;
      break;
    }
    case 'scroll-view':
      if (flag('scroll-x')) classes.push('wx-scroll-view-x');
      break;
    case 'text':
      if (dataWx(el, 'space')) classes.push('wx-text-space');
      break;
    default:
  }
  if (flag('hidden')) attrs.hidden = '';
  return m;
}

function richText(nodes: unknown): string {
  if (!Array.isArray(nodes)) return '';
  return nodes.map((n: { type?: string; text?: string; children?: unknown }) => (n.type === 'text' ? n.text ?? '' : richText(n.children))).join('');
}

/** Serialises `root` and its subtree as static HTML. */
export function domToHtml(root: Node, options: HtmlOptions = {}): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      parts.push(esc(node.textContent ?? ''));
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const name = el.tagName.toLowerCase();
    let mapped: Mapped;
    if (name.startsWith('wx-')) mapped = mapWxElement(el, name.slice(3), options);
    else mapped = { tag: name, attrs: {}, classes: [] };
    const cls = [...mapped.classes, ...Array.from(el.classList)].join(' ');
    const style = [el.getAttribute('style') ?? '', mapped.attrs.style ?? ''].filter(Boolean).join('; ');
    const attrs: Record<string, string> = cls ? { class: cls, ...mapped.attrs } : { ...mapped.attrs };
    delete attrs.style;
    if (style) attrs.style = convertInlineStyle(style, options.fontScale);
    for (const a of Array.from(el.attributes)) if (a.name.startsWith('aria-') && !(a.name in attrs)) attrs[a.name] = a.value;
    const attrText = Object.entries(attrs)
      .map(([k, v]) => (v === '' && (k === 'disabled' || k === 'hidden') ? ` ${k}` : ` ${k}="${attr(v)}"`))
      .join('');
    parts.push(`<${mapped.tag}${attrText}>`);
    if (VOID.has(mapped.tag)) return;
    if (mapped.inner !== undefined) parts.push(mapped.inner);
    else for (const child of Array.from(el.childNodes)) walk(child);
    parts.push(`</${mapped.tag}>`);
  };
  walk(root);
  return parts.join('');
}
