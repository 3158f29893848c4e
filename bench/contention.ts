/**
 * 1,000 residents book one slot of 10 seats at the same instant: in one process (the api
 * function called directly) and through three gateway processes sharing the SQLite file,
 * as several function instances would. Reports the time to settle all of them, bookings
 * per second, and the exact count of seats, waitlist places and FULL answers.
 */
import type { SlotRecord } from '../cloudfunctions/lib/features/booking/records';
import { callApi, startGateway } from '../test/proof/support-b/gateways';
import { benchService, bulkResidents, type BenchWorld } from './world';

export interface ContentionRow {
  where: string;
  bookings: number;
  seats: number;
  booked: number;
  waitlisted: number;
  full: number;
  other: number;
  /** Seats taken according to the slot document itself. */
  slotHolders: number;
  ms: number;
  perSecond: number;
}

const CROWD = 1000;
const SEATS = 10;

function row(where: string, results: Array<{ ok: boolean; data?: any; error?: { code: string } }>, slot: SlotRecord, ms: number): ContentionRow {
  const booked = results.filter((r) => r.ok && r.data.status === 'booked').length;
  const waitlisted = results.filter((r) => r.ok && r.data.status === 'waitlisted').length;
  const full = results.filter((r) => !r.ok && r.error?.code === 'FULL').length;
  return {
    where, bookings: results.length, seats: SEATS, booked, waitlisted, full, other: results.length - booked - waitlisted - full,
    slotHolders: Object.keys(slot.holders).length, ms: Math.round(ms), perSecond: Math.round(results.length / (ms / 1000)),
  };
}

export async function measureContention(w: BenchWorld): Promise<ContentionRow[]> {
  const crowd = bulkResidents(w, CROWD, 'crowd-resident');
  const rows: ContentionRow[] = [];

  const inProcess = await benchService(w, '抢号基准一', SEATS);
  let t0 = performance.now();
  const local = await Promise.all(crowd.map((p, i) => w.call(p, 'booking.create', { slotId: inProcess.slots[0].id }, `crowdlocal${i}x`)));
  rows.push(row('one process (api called in-process)', local, (await w.sqlite.get<SlotRecord>('slots', inProcess.slots[0].id))!, performance.now() - t0));

  const shared = await benchService(w, '抢号基准二', SEATS);
  const gateways = await Promise.all([0, 1, 2].map(() => startGateway(w.file)));
  try {
    t0 = performance.now();
    const remote = await Promise.all(crowd.map((p, i) => callApi(gateways[i % 3].url, p, 'booking.create', { slotId: shared.slots[0].id }, `crowdshared${i}x`)));
    rows.push(row('three gateway processes, one SQLite file', remote, (await w.sqlite.get<SlotRecord>('slots', shared.slots[0].id))!, performance.now() - t0));
  } finally {
    await Promise.all(gateways.map((g) => g.stop()));
  }
  return rows;
}
