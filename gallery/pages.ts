/**
 * What the gallery renders comes from the app itself: every page of app.json (main package
 * and subpackages), and for each page the components it uses, followed through every
 * `usingComponents` down the tree. Nothing here names a page.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './paths';

interface AppJson {
  pages: string[];
  subpackages?: Array<{ root: string; pages: string[] }>;
  window?: { navigationBarTitleText?: string; navigationBarBackgroundColor?: string; navigationBarTextStyle?: string; backgroundColor?: string };
  tabBar?: { color?: string; selectedColor?: string; backgroundColor?: string; list: Array<{ pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }> };
}

export function readApp(root = ROOT): AppJson {
  return JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8')) as AppJson;
}

/** Every page route in app.json, main package first: `pages/home/index`, `staff/workbench/index`. */
export function appPages(root = ROOT): string[] {
  const app = readApp(root);
  const subs = (app.subpackages ?? []).flatMap((s) => s.pages.map((p) => path.posix.join(s.root, p)));
  return [...app.pages, ...subs];
}

export interface PageJson {
  navigationBarTitleText?: string;
  usingComponents?: Record<string, string>;
  component?: boolean;
  styleIsolation?: string;
}

export function readJson(route: string, root = ROOT): PageJson {
  const file = path.join(root, `${route}.json`);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as PageJson) : {};
}

export interface UsedComponent {
  /** The tag it is used under; miniprogram-simulate scopes its classes with it. */
  tag: string;
  /** Route from the miniprogram root, without extension. */
  route: string;
  /** Whether app and page styles reach into it (addGlobalClass or a shared styleIsolation). */
  sharedStyles: boolean;
}

function resolveUsing(from: string, target: string): string {
  return target.startsWith('/') ? target.slice(1) : path.posix.join(path.posix.dirname(from), target);
}

function sharesStyles(route: string, json: PageJson, root: string): boolean {
  if (json.styleIsolation && json.styleIsolation !== 'isolated') return true;
  const ts = path.join(root, `${route}.ts`);
  const src = fs.existsSync(ts) ? fs.readFileSync(ts, 'utf8') : '';
  return /addGlobalClass\s*:\s*true/.test(src) || /styleIsolation\s*:\s*['"](apply-shared|shared)['"]/.test(src);
}

/** The custom components under `route`, recursively, each (tag, route) once. */
export function componentTree(route: string, root = ROOT): UsedComponent[] {
  const out: UsedComponent[] = [];
  const seen = new Set<string>();
  const visit = (from: string) => {
    for (const [tag, target] of Object.entries(readJson(from, root).usingComponents ?? {})) {
      const comp = resolveUsing(from, target);
      // Plugin and npm components (no json on disk) are not ours to draw.
      if (!fs.existsSync(path.join(root, `${comp}.json`))) continue;
      const key = `${tag}@${comp}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ tag, route: comp, sharedStyles: sharesStyles(comp, readJson(comp, root), root) });
      visit(comp);
    }
  };
  visit(route);
  return out;
}

/** `staff/service-day/index` → `staff-service-day`, for file names. */
export function slug(route: string): string {
  return route.replace(/\/index$/, '').replace(/^pages\//, '').replace(/\//g, '-');
}
