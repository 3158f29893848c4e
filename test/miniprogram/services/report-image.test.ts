/** 分享图片's layout: every figure on the image, within the margins, and cut short with a note when too long. */
import { estimateWidth } from '../../../miniprogram/services/disclosure-poster';
import { MAX_HEIGHT, REPORT_IMAGE_WIDTH, reportImageLayout } from '../../../miniprogram/staff/services/report-image';
import { reportView } from '../pages/staff/report-fixtures';

describe('the report as one image', () => {
  it('carries the heading, each part’s figures and table rows, and the addenda', () => {
    const v = reportView({ addenda: [{ addendumId: 'a', text: '一件诉求分类有误。', corrections: [], byName: '王书记', at: Date.UTC(2026, 11, 2, 2) }] });
    const layout = reportImageLayout(v);
    const texts = layout.texts.map((t) => t.text);
    expect(texts.slice(0, 2)).toEqual(['幸福里社区 2026年11月', '定期评事报告']);
    for (const p of v.parts) {
      expect(texts).toContain(p.title);
      for (const f of p.figures) expect(texts).toEqual(expect.arrayContaining([f.label, f.text]));
    }
    expect(texts).toEqual(expect.arrayContaining(['第一网格', '10/12（83%）', '样本不足（n=3）']));
    expect(texts).toContain('2026年12月2日 王书记：一件诉求分类有误。');
    expect(layout.truncated).toBe(false);
    expect(layout.width).toBe(REPORT_IMAGE_WIDTH);
    // Nothing runs past the margins, measured as the canvas would.
    for (const t of layout.texts) {
      const w = estimateWidth(t.text, t.size, t.bold);
      const left = t.align === 'right' ? t.x - w : t.x;
      expect(left).toBeGreaterThanOrEqual(0);
      expect(left + w).toBeLessThanOrEqual(REPORT_IMAGE_WIDTH);
      expect(t.y).toBeLessThan(layout.height);
    }
  });
  it('stops at the height a phone can paint and says where the rest is', () => {
    const rows = Array.from({ length: 400 }, (_, i) => [`第${i}网格`, '12', '10/12（83%）', '8/12（66%）', '7/10（70%）']);
    const v = reportView();
    const layout = reportImageLayout({ ...v, parts: [{ ...v.parts[0], table: { columns: v.parts[0].table?.columns ?? [], rows } }] });
    expect(layout.truncated).toBe(true);
    expect(layout.height).toBeLessThanOrEqual(MAX_HEIGHT);
    expect(layout.texts.map((t) => t.text)).toContain('内容较长，完整报告请在小程序「定期评事」中查看');
  });
});
