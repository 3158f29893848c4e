/**
 * One static HTML document per picture: WeChat's window around the page (navigation bar
 * with the page's title and the capsule, the tab bar on tab pages), the page's converted
 * styles — built-ins, app.wxss with its imports, the page's own, every component's — and the
 * converted DOM.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './paths';
import { componentTree, readApp, readJson } from './pages';
import { readWxss, wxssToCss } from './wxss';

/** The screen: an iPhone 8 (375 × 667 pt), the size WeChat's 750rpx is designed for. */
export const SCREEN = { width: 375, height: 667 };
const NAV = 44;
const TAB = 50;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The page scope's class prefix in miniprogram-simulate's DOM (its default tag name). */
export const PAGE_PREFIX = 'main';

/** All CSS a page needs, in cascade order. */
export function pageCss(route: string, fontScale = 1, root = ROOT): string {
  const builtins = wxssToCss(readWxss(path.join(__dirname, 'builtins.wxss')), { fontScale });
  const app = readWxss(path.join(root, 'app.wxss'));
  const page = readWxss(path.join(root, `${route}.wxss`));
  const parts = [builtins, wxssToCss(app, { prefix: PAGE_PREFIX, fontScale }), wxssToCss(page, { prefix: PAGE_PREFIX, fontScale })];
  for (const c of componentTree(route, root)) {
    const opts = { prefix: c.tag, fontScale, host: c.tag };
    if (c.sharedStyles) parts.push(wxssToCss(app, opts), wxssToCss(page, opts));
    parts.push(wxssToCss(readWxss(path.join(root, `${c.route}.wxss`)), opts));
  }
  return parts.filter(Boolean).join('\n');
}

const CHROME_CSS = `
html, body { margin: 0; padding: 0; background: #ededed; -webkit-font-smoothing: antialiased; }
.gallery-nav { position: relative; height: ${NAV}px; display: flex; align-items: center; justify-content: center; font: 600 17px/1 -apple-system, 'PingFang SC', 'Noto Sans CJK SC', sans-serif; }
.gallery-nav-title { max-width: 200px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.gallery-back { position: absolute; left: 12px; top: 8px; font-size: 26px; font-weight: 400; line-height: 26px; }
.gallery-capsule { position: absolute; right: 7px; top: 6px; width: 87px; height: 32px; box-sizing: border-box; border-radius: 16px; border: 1px solid rgba(0,0,0,.15); display: flex; align-items: center; justify-content: space-around; font-size: 14px; font-weight: 700; }
.gallery-capsule i { width: 1px; height: 18px; background: rgba(0,0,0,.15); }
.gallery-frame { position: relative; transform: translateZ(0); overflow: hidden; }
.gallery-tabbar { height: ${TAB}px; display: flex; border-top: 1px solid rgba(0,0,0,.33); box-sizing: border-box; font: 12px/1 -apple-system, 'PingFang SC', 'Noto Sans CJK SC', sans-serif; }
.gallery-tab { flex: 1; display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 2px; }
.gallery-tab b { width: 22px; height: 22px; border-radius: 6px; border: 2px solid currentColor; box-sizing: border-box; }
.gallery-tab img { width: 27px; height: 27px; }
`;

export interface DocumentInput {
  route: string;
  body: string;
  fontScale?: number;
  /** A line under the picture's title in the HTML <title>. */
  label: string;
}

export function pageDocument({ route, body, fontScale = 1, label }: DocumentInput, root = ROOT): string {
  const app = readApp(root);
  const json = readJson(route, root);
  const win = app.window ?? {};
  const title = json.navigationBarTitleText ?? win.navigationBarTitleText ?? '';
  const navBg = win.navigationBarBackgroundColor ?? '#ffffff';
  const navFg = win.navigationBarTextStyle === 'white' ? '#fff' : '#000';
  const tabs = app.tabBar?.list ?? [];
  const isTab = tabs.some((t) => t.pagePath === route);
  const frameMin = SCREEN.height - NAV - (isTab ? TAB : 0);
  const tabBar = isTab
    ? `<div class="gallery-tabbar" style="background:${app.tabBar?.backgroundColor ?? '#fff'}">${tabs
        .map((t) => {
          const on = t.pagePath === route;
          // The icon app.json declares (drawn from the file), or a placeholder square.
          const icon = on ? t.selectedIconPath ?? t.iconPath : t.iconPath;
          const glyph = icon ? `<img src="file://${path.join(root, icon)}" alt="">` : '<b></b>';
          return `<div class="gallery-tab" style="color:${on ? app.tabBar?.selectedColor ?? '#07c160' : app.tabBar?.color ?? '#7a7e83'}">${glyph}${esc(t.text)}</div>`;
        })
        .join('')}</div>`
    : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=${SCREEN.width}, initial-scale=1">
<title>${esc(route)} — ${esc(label)}</title>
<style>${CHROME_CSS}</style>
<style>${pageCss(route, fontScale, root)}</style>
<style>.gallery-frame > .wx-page { min-height: ${frameMin}px; } body { background: ${win.backgroundColor ?? '#ffffff'}; }</style>
</head><body>
<div class="gallery-nav" style="background:${navBg};color:${navFg}">${isTab ? '' : '<span class="gallery-back">‹</span>'}<span class="gallery-nav-title">${esc(title)}</span><span class="gallery-capsule">···<i></i>◎</span></div>
<div class="gallery-frame"><div class="wx-page">${body}</div></div>
${tabBar}
</body></html>
`;
}

/** Writes `file` only if its content changed (keeps mtimes useful). */
export function writeIfChanged(file: string, content: string): void {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content) return;
  fs.writeFileSync(file, content);
}
