/** Prints the README's benchmark tables from bench/results/latest.json (written by `npm run bench`). */
import fs from 'node:fs';
import path from 'node:path';
import { renderTables, type BenchResult } from './tables';

const result = JSON.parse(fs.readFileSync(path.join(__dirname, 'results/latest.json'), 'utf8')) as BenchResult;
console.log(renderTables(result));
