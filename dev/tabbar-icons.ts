/**
 * `npx tsx dev/tabbar-icons.ts` draws the tab bar icons (miniprogram/images/tabbar/*.png,
 * 81 × 81 px as WeChat asks) from the simple glyphs below, with the Chromium the gallery
 * already uses: no artwork is downloaded and nothing is added to the dependencies. Normal
 * icons are thick dark-grey outlines (the tab bar's text colour), selected ones solid in
 * the app's green, so the chosen tab stands out by shape as well as colour.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Browser, findChromium, INSTALL_HINT } from '../gallery/chromium';

const SIZE = 81;
const OUT = path.join(__dirname, '..', 'miniprogram', 'images', 'tabbar');
/** app.json tabBar `color` and `selectedColor`. */
const NORMAL = '#4d4d4d';
const SELECTED = '#06793d';

/** Each glyph on a 24 × 24 grid: an outline (normal) and a solid form with white details (selected). */
const GLYPHS: Record<string, { outline: string; solid: string }> = {
  // 首页: a house with a door.
  home: {
    outline: '<path d="M3 11 L12 3.5 L21 11" /><path d="M5.5 9.5 V20.5 H18.5 V9.5" /><path d="M10 20.5 V14.5 H14 V20.5" />',
    solid: '<path class="f" d="M12 2.5 L22 11 H19.5 V21.5 H4.5 V11 H2 Z" /><path class="w" d="M10 21.5 V14.5 H14 V21.5 Z" />',
  },
  // 说事: a speech bubble with three dots.
  concerns: {
    outline: '<path d="M4 4.5 H20 A1.5 1.5 0 0 1 21.5 6 V16 A1.5 1.5 0 0 1 20 17.5 H10 L5.5 21 V17.5 H4 A1.5 1.5 0 0 1 2.5 16 V6 A1.5 1.5 0 0 1 4 4.5 Z" /><circle class="d" cx="8" cy="11" r="1.4" /><circle class="d" cx="12" cy="11" r="1.4" /><circle class="d" cx="16" cy="11" r="1.4" />',
    solid: '<path class="f" d="M4 3.5 H20 A2.5 2.5 0 0 1 22.5 6 V16 A2.5 2.5 0 0 1 20 18.5 H10.5 L4.5 22.5 V18.5 H4 A2.5 2.5 0 0 1 1.5 16 V6 A2.5 2.5 0 0 1 4 3.5 Z" /><circle class="w" cx="7.5" cy="11" r="1.6" /><circle class="w" cx="12" cy="11" r="1.6" /><circle class="w" cx="16.5" cy="11" r="1.6" />',
  },
  // 服务: a calendar page with a tick (booking a time).
  services: {
    outline: '<rect x="3" y="5" width="18" height="16" rx="2" /><path d="M3 10 H21" /><path d="M8 2.5 V7" /><path d="M16 2.5 V7" /><path d="M8.5 15 L11 17.5 L15.5 13" />',
    solid: '<rect class="f" x="2" y="4" width="20" height="18" rx="2.5" /><path class="ws" d="M8 1.8 V6.5" /><path class="ws" d="M16 1.8 V6.5" /><path class="ws" d="M2 9.5 H22" /><path class="ws" d="M8 15 L11 18 L16 12.5" />',
  },
  // 我的: a person, head and shoulders.
  me: {
    outline: '<circle cx="12" cy="8" r="4.5" /><path d="M3.5 21.5 C4.5 16.5 8 14.5 12 14.5 C16 14.5 19.5 16.5 20.5 21.5" />',
    solid: '<circle class="f" cx="12" cy="7.5" r="5.2" /><path class="f" d="M2.5 22.5 C3.5 16 7.5 13.5 12 13.5 C16.5 13.5 20.5 16 21.5 22.5 Z" />',
  },
};

function svgDocument(body: string, color: string): string {
  const css = `svg{display:block}path,rect,circle{fill:none;stroke:${color};stroke-width:2.2;stroke-linecap:round;stroke-linejoin:round}` +
    `.d{fill:${color};stroke:none}.f{fill:${color};stroke:none}.w{fill:#fff;stroke:none}.ws{fill:none;stroke:#fff;stroke-width:2}`;
  return `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;background:transparent}${css}</style></head><body>` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 24 24">${body}</svg></body></html>`;
}

async function main(): Promise<void> {
  const binary = findChromium();
  if (!binary) throw new Error(`chromium is not installed: ${INSTALL_HINT}`);
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await Browser.launch(binary);
  try {
    for (const [name, g] of Object.entries(GLYPHS)) {
      await browser.renderTransparent(svgDocument(g.outline, NORMAL), path.join(OUT, `${name}.png`), SIZE, SIZE);
      await browser.renderTransparent(svgDocument(g.solid, SELECTED), path.join(OUT, `${name}-active.png`), SIZE, SIZE);
      process.stdout.write(`${name}.png, ${name}-active.png\n`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
