/**
 * The tab bar shows a picture above every word, as older residents find their way by
 * shape: each tab declares a normal and a selected icon, the files exist, are the 81 × 81
 * PNGs WeChat asks for and stay small.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '../../miniprogram');
const app = JSON.parse(fs.readFileSync(path.join(ROOT, 'app.json'), 'utf8')) as {
  tabBar: { list: Array<{ pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }> };
};

/** Width, height and colour type from a PNG's IHDR chunk. */
function pngHeader(file: string): { width: number; height: number; colorType: number } {
  const b = fs.readFileSync(file);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), colorType: b[25] };
}

describe('the tab bar', () => {
  it('has 首页, 说事, 服务 and 我的, each with a normal and a selected icon', () => {
    expect(app.tabBar.list.map((t) => t.text)).toEqual(['首页', '说事', '服务', '我的']);
    for (const tab of app.tabBar.list) {
      expect(tab.iconPath).toMatch(/^images\/tabbar\/.+\.png$/);
      expect(tab.selectedIconPath).toMatch(/^images\/tabbar\/.+\.png$/);
      expect(tab.selectedIconPath).not.toBe(tab.iconPath);
    }
  });

  it('points at icon files that exist: 81 × 81 PNGs with transparency, each under 10 KB', () => {
    for (const tab of app.tabBar.list) {
      for (const icon of [tab.iconPath, tab.selectedIconPath]) {
        const file = path.join(ROOT, icon ?? '');
        expect(fs.existsSync(file)).toBe(true);
        expect(pngHeader(file)).toEqual({ width: 81, height: 81, colorType: 6 });
        expect(fs.statSync(file).size).toBeLessThan(10 * 1024);
      }
    }
  });
});
