/**
 * Reads the sweep's timer from its config.json so the gateway runs it on the schedule
 * production uses. Only the "every N minutes" and "every N seconds" shapes are needed.
 */
export function intervalFromCron(cron: string): number {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 7) throw new Error(`CloudBase timers have 7 cron fields: ${cron}`);
  const [sec, min, ...rest] = fields;
  const everyMinutes = /^\*\/(\d+)$/.exec(min);
  if (sec === '0' && everyMinutes && rest.every((f) => f === '*')) return Number(everyMinutes[1]) * 60_000;
  const everySeconds = /^\*\/(\d+)$/.exec(sec);
  if (everySeconds && [min, ...rest].every((f) => f === '*')) return Number(everySeconds[1]) * 1000;
  throw new Error(`unsupported timer for the local gateway: ${cron}`);
}
