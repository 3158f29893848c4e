/** Prints the README's benchmark tables from bench/results/latest.json. */
import fs from 'node:fs';
import path from 'node:path';

const r = JSON.parse(fs.readFileSync(path.join(__dirname, 'results/latest.json'), 'utf8'));
const lines: string[] = [];
lines.push('| action | DB round-trips |', '|---|---|');
for (const t of r.roundTrips) lines.push(`| ${t.action} | ${t.roundTrips} |`);
lines.push('', '| action through the gateway | concerns in DB | p50 ms | p99 ms | calls/s (one client) |', '|---|---|---|---|---|');
for (const l of r.latency) lines.push(`| ${l.action} | ${l.concerns} | ${l.p50ms} | ${l.p99ms} | ${l.perSecond} |`);
const c = r.coldStart;
lines.push(
  '',
  `Cold start: \`api/index.js\` bundle ${(c.apiBundleBytes / 1024).toFixed(0)} KB; \`require\` in a fresh process ${c.requireBundledMs} ms bundled vs ${c.requireUnbundledMs} ms from sources through tsx (${(c.requireUnbundledMs / c.requireBundledMs).toFixed(1)}×). Mini-program zod bundle ${(c.miniprogramZodBytes / 1024).toFixed(0)} KB.`,
);
console.log(lines.join('\n'));
