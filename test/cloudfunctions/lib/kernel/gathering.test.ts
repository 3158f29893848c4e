/** Calls started together go out together, in batches no larger than the limit. */
import { Gathering, type Waiting } from '../../../../cloudfunctions/lib/kernel/gathering';

describe('Gathering', () => {
  const recorder = (size: number) => {
    const batches: number[][] = [];
    const g = new Gathering<number, number>(size, async (batch: Waiting<number, number>[]) => {
      batches.push(batch.map((w) => w.item));
      for (const w of batch) if (w.item < 0) w.reject(new Error(`bad ${w.item}`));
      else w.resolve(w.item * 10);
    });
    return { g, batches };
  };

  it('sends calls started together as one batch, each answered with its own result', async () => {
    const { g, batches } = recorder(8);
    expect(await Promise.all([g.add(1), g.add(2), g.add(3)])).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });
  it('splits a wave larger than the limit, and a later call starts a new wave', async () => {
    const { g, batches } = recorder(2);
    await Promise.all([g.add(1), g.add(2), g.add(3)]);
    await g.add(4);
    expect(batches).toEqual([[1, 2], [3], [4]]);
  });
  it('lets one call fail without failing the others', async () => {
    const { g } = recorder(8);
    const [good, bad] = await Promise.allSettled([g.add(1), g.add(-1)]);
    expect(good).toEqual({ status: 'fulfilled', value: 10 });
    expect(bad).toMatchObject({ status: 'rejected', reason: { message: 'bad -1' } });
  });
});
