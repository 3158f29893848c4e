/**
 * The gallery's pure parts (WXSS → CSS, WXML tags → HTML) and its coverage: every page in
 * app.json has a PNG-producing entry. No chromium, no page rendering.
 */
import { JSDOM } from 'jsdom';
import { convertRpx, convertSelector, wxssToCss } from '../../gallery/wxss';
import { domToHtml, mapWxElement } from '../../gallery/html';
import { appPages, componentTree, slug } from '../../gallery/pages';
import { PAGE_STATES, plan, STATES } from '../../gallery/states';
import { pageCss, pageDocument } from '../../gallery/document';

describe('WXSS → CSS', () => {
  it('converts rpx at 0.5px for a 375 px screen, fractional and negative too', () => {
    expect(convertRpx('width: 750rpx; margin: -32rpx 1rpx; top: 0.5rpx; border: 1rpx solid')).toBe('width: 375px; margin: -16px 0.5px; top: 0.25px; border: 0.5px solid');
  });

  it('maps page and WXML tag selectors, scopes classes with the prefix, keeps pseudo-classes and attributes', () => {
    expect(convertSelector('page', {})).toBe('.wx-page');
    expect(convertSelector('.ll-btn[disabled], view > text:first-child', { prefix: 'main' })).toBe('.main--ll-btn[disabled], .wx-view > .wx-text:first-child');
    expect(convertSelector('.a .b::after', { prefix: 'x' })).toBe('.x--a .x--b::after');
    expect(convertSelector(':host', { host: 'photo-grid' })).toBe('photo-grid');
    // A class that merely contains a tag name is left alone.
    expect(convertSelector('.image-row', {})).toBe('.image-row');
  });

  it('converts rules, recurses into @media, keeps @keyframes, drops unknown at-rules and comments', () => {
    const css = wxssToCss('/* c */ page { font-size: 34rpx; } @media (min-width: 10px) { .a { width: 10rpx; } } @keyframes k { from { opacity: 0 } } @wx-only { .z {} } .b { color: red }', { prefix: 'main' });
    expect(css).toContain('.wx-page { font-size: 17px; }');
    expect(css).toContain('@media (min-width: 10px) {\n.main--a { width: 5px; }\n}');
    expect(css).toContain('@keyframes k { from { opacity: 0 } }');
    expect(css).not.toContain('wx-only');
    expect(css).not.toContain('/* c */');
    expect(css).toContain('.main--b { color: red }');
  });

  it('scales font sizes for large text, nothing else', () => {
    expect(wxssToCss('.a { font-size: 32rpx; width: 32rpx; }', { fontScale: 1.5 })).toBe('.a { font-size: 24px; width: 16px; }');
  });

  it('inlines app.wxss imports for a page', () => {
    // base.wxss is imported by app.wxss; its rules reach the page scope.
    expect(pageCss('pages/home/index')).toContain('.main--ll-btn');
  });
});

describe('WXML DOM → HTML', () => {
  const doc = new JSDOM('').window.document;
  const el = (html: string) => {
    const host = doc.createElement('div');
    host.innerHTML = html;
    return host.firstElementChild as Element;
  };

  it('maps tags and keeps classes and inline styles, converting rpx', () => {
    const html = domToHtml(el('<main><wx-view class="main--a" style="width: 100rpx"><wx-text>说事</wx-text></wx-view></main>'));
    expect(html).toBe('<main><div class="wx-view main--a" style="width: 50px"><span class="wx-text">说事</span></div></main>');
  });

  it('shows what reflected properties say: input value and placeholder, image, button, switch, hidden', () => {
    expect(domToHtml(el('<wx-input data-wx-value="3号楼" data-wx-placeholder="楼栋"></wx-input>'))).toBe('<input class="wx-input" value="3号楼" placeholder="楼栋" type="text">');
    expect(domToHtml(el('<wx-textarea data-wx-placeholder="说说"></wx-textarea>'))).toBe('<textarea class="wx-textarea" placeholder="说说"></textarea>');
    expect(domToHtml(el('<wx-image data-wx-src="data:image/png;base64,AA" data-wx-mode="aspectFill"></wx-image>'), { loadable: (s) => s.startsWith('data:') })).toBe(
      '<img class="wx-image wx-image-aspectFill" src="data:image/png;base64,AA">',
    );
    expect(domToHtml(el('<wx-image data-wx-src="cloud://x.png"></wx-image>'))).toContain('wx-image-placeholder');
    expect(domToHtml(el('<wx-button class="main--ll-btn" data-wx-type="primary" data-wx-disabled="true">提交</wx-button>'))).toBe(
      '<button class="wx-button wx-button-primary main--ll-btn" disabled type="button">提交</button>',
    );
    expect(domToHtml(el('<wx-switch data-wx-checked="true"></wx-switch>'))).toContain('wx-switch-checked');
    expect(domToHtml(el('<wx-view data-wx-hidden="true"></wx-view>'))).toBe('<div class="wx-view" hidden></div>');
    expect(domToHtml(el('<wx-navigator>去</wx-navigator>'))).toBe('<a class="wx-navigator">去</a>');
  });

  it('escapes text and maps unknown wx tags to div, custom components stay as their tag', () => {
    expect(domToHtml(el('<wx-map><photo-grid class="main--g">a&lt;b</photo-grid></wx-map>'))).toBe('<div class="wx-map"><photo-grid class="main--g">a&lt;b</photo-grid></div>');
    expect(mapWxElement(el('<wx-icon data-wx-type="success"></wx-icon>'), 'icon').inner).toBe('✓');
  });
});

describe('coverage', () => {
  const routes = appPages();

  it('reads every page of app.json, subpackages included', () => {
    expect(routes).toContain('pages/home/index');
    expect(routes.some((r) => r.startsWith('staff/'))).toBe(true);
  });

  it('plans a demo-data picture for every page in app.json, and unknown pages still get the default states', () => {
    const planned = plan(routes);
    for (const route of routes) expect(planned.filter((p) => p.route === route && p.state === 'demo')).toHaveLength(1);
    const unknown = plan(['pages/not-in-table/index'], {});
    expect(unknown.map((p) => p.state)).toEqual(['demo', 'empty', 'error', 'large']);
    expect(unknown[0].as).toBe('demo-resident-1');
  });

  it('names only pages that exist in its table, and only known states', () => {
    for (const route of Object.keys(PAGE_STATES)) expect(routes).toContain(route);
    for (const p of plan(routes)) expect(STATES).toContain(p.state);
  });

  it('gives each picture a distinct file name', () => {
    const names = plan(routes).map((p) => `${slug(p.route)}--${p.state}`);
    expect(new Set(names).size).toBe(names.length);
  });

  it('follows usingComponents and wraps the page in WeChat chrome', () => {
    const withPopup = routes.find((r) => componentTree(r).some((c) => c.tag === 'privacy-popup'));
    expect(withPopup).toBeDefined();
    const doc = pageDocument({ route: 'pages/home/index', body: '<main></main>', label: 'demo' });
    expect(doc).toContain('gallery-tabbar');
    expect(doc).toContain('<meta name="viewport" content="width=375');
  });
});
