// The virtual clock and its timers. Time only moves when the scheduler moves
// it: headless, it jumps to the next timer once nothing is runnable; in the
// browser a driver calls advanceTo() with wall time. Timers live in a binary
// min-heap ordered by (due time, creation order), so equal deadlines fire in
// the order they were set and runs are deterministic.

export interface Timer {
  at: number;
  seq: number;
  fn: (() => void) | null; // null once cancelled
  idx: number;
}

export class Clock {
  /** Milliseconds since boot (CLOCK_MONOTONIC). */
  now = 0;
  private _heap: Timer[] = [];
  private _seq = 0;

  constructor(readonly bootTime: number) {}

  /** Milliseconds since boot. */
  uptime(): number { return this.now; }

  /** CLOCK_REALTIME in ms since the epoch. */
  realtime(): number { return this.bootTime + this.now; }

  /** Runs fn when the clock reaches uptime `at` (ms). */
  at(at: number, fn: () => void): Timer {
    const t: Timer = { at: at < this.now ? this.now : at, seq: this._seq++, fn, idx: this._heap.length };
    this._heap.push(t);
    this._up(t.idx);
    return t;
  }

  cancel(t: Timer): void {
    if (t.fn === null) return;
    t.fn = null;
    const h = this._heap, i = t.idx;
    if (h[i] !== t) return;
    const last = h.pop()!;
    if (last !== t) { h[i] = last; last.idx = i; this._down(i); this._up(last.idx); }
  }

  get pending(): number { return this._heap.length; }

  /** The uptime of the earliest timer, if any. */
  next(): number | undefined { return this._heap.length ? this._heap[0].at : undefined; }

  /** Moves time to `to` (never backwards) firing every timer due by then, in order. */
  advanceTo(to: number): void {
    const h = this._heap;
    while (h.length && h[0].at <= to) {
      const t = h[0];
      if (t.at > this.now) this.now = t.at;
      this._pop();
      const fn = t.fn;
      t.fn = null;
      if (fn) fn();
    }
    if (to > this.now) this.now = to;
  }

  /** Fires the earliest timer (and any due at the same instant). Returns false if none. */
  fireNext(): boolean {
    const n = this.next();
    if (n === undefined) return false;
    this.advanceTo(n);
    return true;
  }

  private _pop(): void {
    const h = this._heap;
    const last = h.pop()!;
    if (h.length) { h[0] = last; last.idx = 0; this._down(0); }
  }

  private _less(a: Timer, b: Timer): boolean { return a.at < b.at || (a.at === b.at && a.seq < b.seq); }

  private _up(i: number): void {
    const h = this._heap, t = h[i];
    while (i > 0) {
      const pi = (i - 1) >> 1, p = h[pi];
      if (!this._less(t, p)) break;
      h[i] = p; p.idx = i; i = pi;
    }
    h[i] = t; t.idx = i;
  }

  private _down(i: number): void {
    const h = this._heap, n = h.length, t = h[i];
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this._less(h[c + 1], h[c])) c++;
      if (!this._less(h[c], t)) break;
      h[i] = h[c]; h[i].idx = i; i = c;
    }
    h[i] = t; t.idx = i;
  }
}
