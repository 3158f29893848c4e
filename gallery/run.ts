/**
 * `npm run gallery`: renders every page of app.json in its states (gallery/states.ts) with
 * the in-process backend, writes `.gallery/<page>--<state>.html`, screenshots each with
 * headless chromium into `.png`, and draws a contact sheet (`index.html`,
 * `contact-sheet.png`). Without chromium it still writes the HTML and says how to install it.
 *
 *   npm run gallery                 every page, every state
 *   npm run gallery -- home staff-  only pages whose file name contains one of the words
 */
import * as fs from 'fs';
import * as path from 'path';
import { errorTransport, world, type World } from './backend';
import { Browser, findChromium, hasCjkFont, INSTALL_HINT } from './chromium';
import { pageDocument, SCREEN, writeIfChanged } from './document';
import { installRuntime, renderFresh, settle, type SimRoot } from './env';
import { domToHtml } from './html';
import { appPages, slug } from './pages';
import { OUT } from './paths';
import { plan, STATES, type PageDriver, type Plan, type Query } from './states';

const SCALE = Number(process.env.GALLERY_SCALE ?? 2);

export interface Shot {
  page: string;
  state: string;
  file: string;
  as: string;
  query: Query;
  notes: string[];
  png?: boolean;
  height?: number;
}

function driver(comp: SimRoot): PageDriver {
  const find = (selector: string) => {
    const el = comp.querySelector(selector);
    if (!el) throw new Error(`no element matches ${selector}`);
    return el;
  };
  return {
    async tap(selector) {
      find(selector).dispatchEvent('tap');
      await settle();
    },
    async input(selector, value) {
      find(selector).dispatchEvent('input', { detail: { value } });
      await settle();
    },
    async call(method, ...args) {
      const inst = comp.instance as Record<string, (...a: unknown[]) => unknown>;
      await inst[method](...args);
      await settle();
    },
  };
}

let currentNotes: string[] | null = null;
process.on('unhandledRejection', (e) => {
  const text = `unhandled rejection: ${String((e as Error)?.message ?? e)}`;
  if (currentNotes) currentNotes.push(text);
  else process.stderr.write(`${text}\n`);
});

/** Renders one (page, state) to HTML, noting anything that went wrong on the way. */
async function renderOne(p: Plan): Promise<{ html: string; query: Query; notes: string[] }> {
  const notes: string[] = [];
  currentNotes = notes;
  const reads: World = await world(p.world === 'bare' ? 'bare' : 'demo');
  let query: Query = {};
  try {
    query = typeof p.query === 'function' ? await p.query(reads, p.as) : p.query ?? {};
  } catch (e) {
    notes.push(`page options not found, opened without: ${(e as Error).message}`);
  }
  const transport = p.world === 'error' ? errorTransport : reads.transport(p.as);
  const origError = console.error;
  console.error = (...args: unknown[]) => notes.push(`console.error: ${args.map(String).join(' ').slice(0, 300)}`);
  let comp: SimRoot | undefined;
  try {
    comp = renderFresh(p.route, transport);
    const inst = comp.instance as Record<string, ((...a: unknown[]) => unknown) | undefined>;
    // WeChat's order for a page: onLoad(query) → onShow → onReady.
    await inst.onLoad?.call(inst, { ...query });
    await inst.onShow?.call(inst);
    await inst.onReady?.call(inst);
    await settle();
    if (p.act) await p.act(driver(comp));
    const html = domToHtml(comp.dom as Node, { fontScale: p.fontScale, loadable: (src) => src.startsWith('data:') });
    return { html, query, notes };
  } finally {
    console.error = origError;
    comp?.detach();
    currentNotes = null;
  }
}

function contactSheet(shots: Shot[], states: string[]): string {
  const byPage = new Map<string, Map<string, Shot>>();
  for (const s of shots) {
    if (!byPage.has(s.page)) byPage.set(s.page, new Map());
    byPage.get(s.page)?.set(s.state, s);
  }
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const rows = [...byPage.entries()]
    .map(([page, m]) => {
      const cells = states
        .map((st) => {
          const s = m.get(st);
          if (!s) return '<td class="none">—</td>';
          const img = s.png ? `<img src="${s.file}.png" alt="">` : '<div class="nopng">no PNG</div>';
          const warn = s.notes.length ? ` <b title="${esc(s.notes.join('\n'))}">⚠</b>` : '';
          return `<td><a href="${s.file}.html">${img}</a><div class="cap">${esc(st)}${warn}</div></td>`;
        })
        .join('');
      return `<tr><th>${esc(page)}</th>${cells}</tr>`;
    })
    .join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Linli page gallery</title><style>
body { margin: 12px; font: 13px/1.4 'Noto Sans CJK SC', sans-serif; background: #fafafa; }
table { border-collapse: collapse; } th { text-align: left; vertical-align: top; padding: 8px; width: 130px; font-size: 13px; word-break: break-all; }
td { vertical-align: top; padding: 6px; } td.none { color: #aaa; text-align: center; vertical-align: middle; }
img, .nopng { display: block; width: 150px; height: 267px; object-fit: cover; object-position: top; border: 1px solid #ccc; background: #fff; }
.cap { text-align: center; margin-top: 2px; } b { color: #c62828; }
</style></head><body><h1>Linli page gallery</h1><p>${shots.length} pictures of ${byPage.size} pages at ${SCREEN.width} px (1rpx = 0.5px). Click a picture for its HTML. ⚠ = notes (hover).</p>
<table><tr><th></th>${states.map((s) => `<th>${s}</th>`).join('')}</tr>
${rows}</table></body></html>
`;
}

async function main(): Promise<void> {
  const started = Date.now();
  const filters = process.argv.slice(2);
  fs.mkdirSync(OUT, { recursive: true });
  installRuntime();
  const routes = appPages().filter((r) => filters.length === 0 || filters.some((f) => slug(r).includes(f)));
  const plans = plan(routes);
  const shots: Shot[] = [];
  let failures = 0;
  for (const p of plans) {
    const file = `${slug(p.route)}--${p.state}`;
    try {
      const { html, query, notes } = await renderOne(p);
      writeIfChanged(path.join(OUT, `${file}.html`), pageDocument({ route: p.route, body: html, fontScale: p.fontScale, label: `${p.state} as ${p.as}` }));
      shots.push({ page: slug(p.route), state: p.state, file, as: p.as, query, notes });
      process.stdout.write(`rendered ${file}${notes.length ? `  (${notes.length} note${notes.length > 1 ? 's' : ''})` : ''}\n`);
    } catch (e) {
      failures++;
      process.stdout.write(`FAILED ${file}: ${(e as Error).stack ?? e}\n`);
    }
  }
  const rendered = Date.now();

  const binary = findChromium();
  if (!binary) {
    process.stdout.write(
      `\nchromium is not installed, so no PNGs were written (the HTML is in ${OUT}).\nInstall it once (Debian, as root): ${INSTALL_HINT}\n`,
    );
  } else {
    if (!hasCjkFont()) process.stdout.write(`\nwarning: no CJK font found; Chinese will show as boxes. Install: ${INSTALL_HINT}\n`);
    const browser = await Browser.launch(binary);
    try {
      for (const s of shots) {
        try {
          s.height = await browser.screenshot(path.join(OUT, `${s.file}.html`), path.join(OUT, `${s.file}.png`), SCREEN.width, SCALE, SCREEN.height);
          s.png = true;
        } catch (e) {
          failures++;
          s.notes.push(`screenshot failed: ${(e as Error).message}`);
          process.stdout.write(`FAILED screenshot ${s.file}: ${(e as Error).message}\n`);
        }
      }
      const states = STATES.filter((st) => plans.some((p) => p.state === st));
      fs.writeFileSync(path.join(OUT, 'index.html'), contactSheet(shots, states));
      await browser.screenshot(path.join(OUT, 'index.html'), path.join(OUT, 'contact-sheet.png'), 170 + states.length * 170, 1);
    } finally {
      await browser.close();
    }
  }
  if (!binary) fs.writeFileSync(path.join(OUT, 'index.html'), contactSheet(shots, STATES.filter((st) => plans.some((p) => p.state === st))));
  fs.writeFileSync(path.join(OUT, 'manifest.json'), `${JSON.stringify(shots, null, 2)}\n`);

  const noted = shots.filter((s) => s.notes.length > 0);
  for (const s of noted) process.stdout.write(`\nnotes for ${s.file}:\n${s.notes.map((n) => `  - ${n}`).join('\n')}\n`);
  const secs = (ms: number) => (ms / 1000).toFixed(1);
  process.stdout.write(
    `\n${shots.length} pictures of ${routes.length} pages (${shots.filter((s) => s.png).length} PNGs) in ${secs(Date.now() - started)} s ` +
      `(render ${secs(rendered - started)} s); ${failures} failure(s). Open ${path.join(OUT, 'index.html')}\n`,
  );
  // Every page must have at least one picture; a page that rendered nothing fails the run.
  const missing = routes.filter((r) => !shots.some((s) => s.page === slug(r) && (s.png || !binary)));
  if (missing.length > 0) process.stdout.write(`pages without a picture: ${missing.join(', ')}\n`);
  // Without chromium the run did only half its job: the HTML is there, the PNGs are not.
  process.exitCode = failures > 0 || missing.length > 0 || !binary ? 1 : 0;
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
