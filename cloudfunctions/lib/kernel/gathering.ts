/**
 * Calls started together, sent together: each `add` joins the current wave, and once the
 * event loop turns (setImmediate) the wave goes to `send` in batches of at most `size`.
 * Everything started in the same run of promise callbacks (a Promise.all, the reads or the
 * messages of one step) travels together; a lone call goes as a batch of one.
 */
export interface Waiting<T, R> {
  item: T;
  resolve(result: R): void;
  reject(err: unknown): void;
}

export class Gathering<T, R> {
  private pending: Waiting<T, R>[] = [];
  private scheduled = false;

  constructor(
    private readonly size: number,
    /** Settles every entry of the batch it is given. */
    private readonly send: (batch: Waiting<T, R>[]) => Promise<void>,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        const wave = this.pending;
        this.pending = [];
        for (let i = 0; i < wave.length; i += this.size) void this.send(wave.slice(i, i + this.size));
      });
    });
  }
}
