/**
 * `npm start`: the whole backend on one machine. Creates .data/, migrates, seeds the demo
 * community on first start (`npm start -- --reset` starts over), serves the gateway and
 * runs the sweep on the production timer's schedule.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createApiFunction } from '../cloudfunctions/lib/api-function';
import { runSweep } from '../cloudfunctions/lib/sweep/run-sweep';
import { intervalFromCron } from './cron';
import { seedDemo, DEMO_PEOPLE } from './demo-seed';
import { createGateway, listen } from './gateway';
import { OffsetClock, localDeps } from './local-deps';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const dataDir = path.resolve(process.env.LINLI_DATA_DIR ?? path.join(root, '.data'));
  const dbFile = path.join(dataDir, 'linli.sqlite');
  if (process.argv.includes('--reset')) {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true });
  }
  fs.mkdirSync(path.join(dataDir, 'uploads'), { recursive: true });

  const clock = new OffsetClock();
  const port = Number(process.env.PORT ?? 8787);
  const uploadsDir = path.join(dataDir, 'uploads');
  // media.register asks the same folder the gateway saves uploads in whether a file is there.
  const deps = localDeps({ filename: dbFile, clock, quiet: process.env.LINLI_QUIET === '1', baseUrl: `http://127.0.0.1:${port}`, uploadsDir });
  const seeded = await seedDemo(createApiFunction(deps, (c) => (c as { openid: string | null }).openid), deps.store);

  const gateway = await listen(createGateway(deps, clock, uploadsDir), port);

  const sweepConfig = JSON.parse(fs.readFileSync(path.join(root, 'cloudfunctions/sweep/config.json'), 'utf8')) as {
    triggers: Array<{ config: string }>;
  };
  const every = intervalFromCron(sweepConfig.triggers[0].config);
  const timer = setInterval(() => void runSweep(deps), every);

  console.log(`邻里 Linli 本地网关已启动：${gateway.url}`);
  console.log(`数据库：${dbFile}${seeded ? '（已写入演示社区）' : ''}；定时任务每 ${every / 60000} 分钟运行一次`);
  console.log('演示身份（请求头 x-wx-openid）：');
  for (const [openid, what] of Object.entries(DEMO_PEOPLE)) console.log(`  ${openid.padEnd(18)} ${what}`);

  const stop = async () => {
    clearInterval(timer);
    await gateway.close();
    deps.store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err) => {
  console.error('启动失败：', err);
  process.exit(1);
});
