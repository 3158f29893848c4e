/**
 * The `sweep` timer function: SLA clocks, reminders, expiries. Triggered by the timer in
 * config.json; it takes no input from the event.
 */
import { productionDeps } from '../lib/wiring/production';
import { runSweep } from '../lib/sweep/run-sweep';

const deps = productionDeps();

export const main = async () => runSweep(deps);
