import fs from 'node:fs';
import path from 'node:path';
import { intervalFromCron } from '../../dev/cron';

describe('the gateway runs the sweep on the production timer', () => {
  it('reads every-N-minutes and every-N-seconds timers', () => {
    expect(intervalFromCron('0 */5 * * * * *')).toBe(5 * 60_000);
    expect(intervalFromCron('*/30 * * * * * *')).toBe(30_000);
  });
  it('refuses timers it cannot honour rather than guessing', () => {
    expect(() => intervalFromCron('0 0 2 * * * *')).toThrow(/unsupported/);
    expect(() => intervalFromCron('*/5 * * * *')).toThrow(/7 cron fields/);
  });
  it('understands the timer actually configured for sweep', () => {
    const config = JSON.parse(fs.readFileSync(path.join(__dirname, '../../cloudfunctions/sweep/config.json'), 'utf8'));
    expect(intervalFromCron(config.triggers[0].config)).toBeGreaterThan(0);
  });
});
