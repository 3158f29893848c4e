/**
 * Reads back an xlsx the way a spreadsheet program would, enough for tests: it is a zip of
 * XML; each sheet's cells are looked up in the shared strings (or inline values) and laid out
 * by their A1 address. No formulas, no styles.
 */
import JSZip from 'jszip';

export interface ReadSheet {
  name: string;
  rows: string[][];
  /** Whether any cell is a formula (an export must never write one). */
  formulas: number;
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

function column(ref: string): number {
  let n = 0;
  for (const ch of ref.replace(/\d+$/, '')) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export async function readXlsx(base64: string): Promise<ReadSheet[]> {
  const zip = await JSZip.loadAsync(Buffer.from(base64, 'base64'));
  const text = async (path: string) => (await zip.file(path)?.async('string')) ?? '';
  const shared = [...(await text('xl/sharedStrings.xml')).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => unescape([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')));
  const workbook = await text('xl/workbook.xml');
  const rels = await text('xl/_rels/workbook.xml.rels');
  const attr = (tag: string, name: string) => new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(tag)?.[1] ?? '';
  const targets = new Map([...rels.matchAll(/<Relationship ([^>]*)>/g)].map((m) => [attr(m[1], 'Id'), attr(m[1], 'Target')]));
  const sheets: ReadSheet[] = [];
  for (const m of workbook.matchAll(/<sheet ([^>]*)>/g)) {
    const target = (targets.get(attr(m[1], 'r:id')) ?? '').replace(/^\/?(xl\/)?/, '');
    const xml = await text(`xl/${target}`);
    const rows: string[][] = [];
    let formulas = 0;
    for (const r of xml.matchAll(/<row [^>]*?r="(\d+)"[^>]*>([\s\S]*?)<\/row>/g)) {
      const row: string[] = [];
      for (const c of r[2].matchAll(/<c ([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const ref = /r="([A-Z]+\d+)"/.exec(c[1])?.[1] ?? 'A1';
        const type = /t="([^"]+)"/.exec(c[1])?.[1];
        const body = c[2] ?? '';
        if (/<f[ >]/.test(body)) formulas += 1;
        const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
        const inline = /<is>[\s\S]*?<t[^>]*>([\s\S]*?)<\/t>/.exec(body)?.[1];
        const value = type === 's' ? shared[Number(v)] ?? '' : inline !== undefined ? unescape(inline) : v !== undefined ? unescape(v) : '';
        row[column(ref)] = value;
      }
      rows[Number(r[1]) - 1] = Array.from(row, (x) => x ?? '');
    }
    sheets.push({ name: unescape(attr(m[1], 'name')), rows: Array.from(rows, (x) => x ?? []), formulas });
  }
  return sheets;
}
