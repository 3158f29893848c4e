/**
 * Screenshots with Debian's headless `chromium`, one browser for the whole run, driven by
 * the DevTools protocol over a pipe (`--remote-debugging-pipe`: JSON messages ending in NUL
 * on fds 3 and 4), so no port is opened and no npm dependency is needed.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Readable, Writable } from 'stream';

export const INSTALL_HINT = 'apt-get update && apt-get install -y chromium fonts-noto-cjk';

/** The chromium binary (`CHROMIUM` names one explicitly), or null when it is not installed. */
export function findChromium(): string | null {
  const candidates = process.env.CHROMIUM ? [process.env.CHROMIUM] : ['chromium', 'chromium-browser', 'google-chrome'];
  for (const c of candidates) {
    const r = spawnSync(c, ['--version'], { encoding: 'utf8', timeout: 20000 });
    if (r.status === 0) return c;
  }
  return null;
}

/** Whether a CJK font is installed (else Chinese shows as boxes). */
export function hasCjkFont(): boolean {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim().length > 0;
}

interface Pending {
  resolve(v: Record<string, unknown>): void;
  reject(e: Error): void;
}

export class Browser {
  private proc: ChildProcess;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private buffer = '';
  private session = '';
  private readonly profile: string;

  private constructor(binary: string) {
    this.profile = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-gallery-chromium-'));
    this.proc = spawn(
      binary,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-extensions',
        '--hide-scrollbars',
        '--mute-audio',
        `--user-data-dir=${this.profile}`,
        '--remote-debugging-pipe',
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
    );
    const out = this.proc.stdio[4] as Readable;
    out.setEncoding('utf8');
    out.on('data', (chunk: string) => this.onData(chunk));
    this.proc.on('exit', () => {
      for (const p of this.pending.values()) p.reject(new Error('chromium exited'));
      this.pending.clear();
    });
  }

  static async launch(binary: string): Promise<Browser> {
    const b = new Browser(binary);
    const { targetId } = (await b.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await b.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    b.session = sessionId;
    await b.send('Page.enable', {}, true);
    return b;
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\0')) >= 0) {
      const msg = JSON.parse(this.buffer.slice(0, end)) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
      this.buffer = this.buffer.slice(end + 1);
      if (msg.id === undefined) continue;
      const p = this.pending.get(msg.id);
      if (!p) continue;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(msg.error.message));
      else p.resolve(msg.result ?? {});
    }
  }

  private send(method: string, params: Record<string, unknown> = {}, inPage = false): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    const message: Record<string, unknown> = { id, method, params };
    if (inPage) message.sessionId = this.session;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`chromium: ${method} timed out`));
      }, 30000);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      (this.proc.stdio[3] as Writable).write(`${JSON.stringify(message)}\0`);
    });
  }

  private async evaluate<T>(expression: string): Promise<T> {
    const r = (await this.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, true)) as { result: { value: T } };
    return r.result.value;
  }

  /** Opens `htmlFile` at `width` CSS px and writes a full-height PNG. Returns the height. */
  async screenshot(htmlFile: string, pngFile: string, width: number, scale: number, minHeight = 0): Promise<number> {
    await this.send('Emulation.setDeviceMetricsOverride', { width, height: Math.max(minHeight, 100), deviceScaleFactor: scale, mobile: true }, true);
    await this.send('Page.navigate', { url: `file://${htmlFile}` }, true);
    // Wait for load and fonts, then measure the whole document.
    await this.evaluate(`new Promise((r) => { const go = () => document.fonts.ready.then(() => requestAnimationFrame(() => r(true))); document.readyState === 'complete' ? go() : addEventListener('load', go); })`);
    const height = Math.ceil(await this.evaluate<number>('Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)'));
    const h = Math.max(height, minHeight);
    await this.send('Emulation.setDeviceMetricsOverride', { width, height: h, deviceScaleFactor: scale, mobile: true }, true);
    await this.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))');
    const { data } = (await this.send('Page.captureScreenshot', { format: 'png', clip: { x: 0, y: 0, width, height: h, scale: 1 }, captureBeyondViewport: true }, true)) as { data: string };
    fs.writeFileSync(pngFile, Buffer.from(data, 'base64'));
    return h;
  }

  /**
   * Draws `html` (a self-contained document) at width × height CSS px on a transparent
   * background and writes the PNG: for artwork the app ships, such as the tab bar icons.
   */
  async renderTransparent(html: string, pngFile: string, width: number, height: number): Promise<void> {
    const file = path.join(this.profile, `render-${this.nextId}.html`);
    fs.writeFileSync(file, html);
    await this.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false }, true);
    await this.send('Emulation.setDefaultBackgroundColorOverride', { color: { r: 0, g: 0, b: 0, a: 0 } }, true);
    await this.send('Page.navigate', { url: `file://${file}` }, true);
    await this.evaluate(`new Promise((r) => { const go = () => requestAnimationFrame(() => requestAnimationFrame(() => r(true))); document.readyState === 'complete' ? go() : addEventListener('load', go); })`);
    const { data } = (await this.send('Page.captureScreenshot', { format: 'png', clip: { x: 0, y: 0, width, height, scale: 1 } }, true)) as { data: string };
    fs.writeFileSync(pngFile, Buffer.from(data, 'base64'));
    await this.send('Emulation.setDefaultBackgroundColorOverride', {}, true);
  }

  async close(): Promise<void> {
    try {
      await this.send('Browser.close');
    } catch {
      // already gone
    }
    await new Promise<void>((resolve) => {
      if (this.proc.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        this.proc.kill('SIGKILL');
        resolve();
      }, 5000);
      this.proc.on('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    fs.rmSync(this.profile, { recursive: true, force: true });
  }
}
