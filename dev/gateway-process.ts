/**
 * One bare gateway process on a given SQLite file, for tests and benchmarks that need
 * several processes sharing one database (as CloudBase runs many function instances at
 * once) or a process they can kill. Unlike `npm start` it neither seeds nor runs the
 * sweep timer: whoever starts it prepares the database first.
 *
 *   node -r tsx/cjs dev/gateway-process.ts --db <file> [--port 0] [--exit-with-stdin]
 *                                          [--kill-after <n>]
 *
 * Prints `LINLI_GATEWAY_READY <url>` on stdout once it listens; SIGTERM closes it cleanly.
 * With --exit-with-stdin it also exits when its stdin closes, so a test runner that dies
 * without cleaning up leaves no gateway behind.
 *
 * --kill-after makes the process SIGKILL itself the moment it has finished its n-th response,
 * synchronously (a timer can wait behind every other request): the crash proof's kill then
 * lands mid-burst however busy the machine is.
 * Killed from the test's side, a slow test process could read all the answers before its
 * kill arrived, and the burst would be over.
 */
import path from 'node:path';
import { createGateway, listen } from './gateway';
import { OffsetClock, localDeps } from './local-deps';

export const READY_LINE = 'LINLI_GATEWAY_READY';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const db = arg('db') ?? process.env.LINLI_DB;
  if (!db) throw new Error('usage: gateway-process --db <file> [--port <n>]');
  const port = Number(arg('port') ?? process.env.PORT ?? 0);
  const clock = new OffsetClock();
  const deps = localDeps({ filename: db, clock, quiet: process.env.LINLI_QUIET !== '0' });
  const gateway = await listen(createGateway(deps, clock), port);
  const killAfter = Number(arg('kill-after') ?? 0);
  if (killAfter > 0) {
    let finished = 0;
    gateway.server.on('request', (_req, res) => res.once('finish', () => {
      finished += 1;
      if (finished === killAfter) process.kill(process.pid, 'SIGKILL');
    }));
  }
  process.stdout.write(`${READY_LINE} ${gateway.url}\n`);

  const stop = async () => {
    await gateway.close();
    deps.store.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  if (process.argv.includes('--exit-with-stdin')) {
    process.stdin.on('end', () => void stop());
    process.stdin.on('error', () => void stop());
    process.stdin.resume();
  }
}

// Run directly only; importing it (for READY_LINE) starts nothing.
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
