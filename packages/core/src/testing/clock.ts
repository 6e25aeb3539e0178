/**
 * A fake clock for tests of time-based behaviour (a schedule, a refresh interval):
 * replaces `Date.now`, `setTimeout` and `clearTimeout` until `restore()`, and runs
 * the timers due when the test moves time forward with `tick()`. Timers set
 * before it was installed keep running on the real clock, and so do zero-delay
 * timers (code that yields a task, as the loaders and waits do), so that a test
 * never hangs on them.
 */
export interface FakeClock {
  /** The fake time, in ms since the epoch. */
  readonly now: number;
  /** Moves time forward by `ms`, running each timer due in order, with the page's tasks and microtasks in between. */
  tick(ms: number): Promise<void>;
  /** Moves time to `at` (ms since the epoch), as `tick`. */
  tickTo(at: number): Promise<void>;
  /** How many fake timers are waiting. */
  readonly pending: number;
  /** Puts the real clock back. */
  restore(): void;
}

export function installClock(start: number = Date.now()): FakeClock {
  const real = { now: Date.now, setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
  const timers = new Map<number, { at: number; order: number; run: () => void }>();
  let now = start;
  let order = 0;
  // Ids far above the browser's own, so that clearTimeout can tell them apart.
  let nextId = 2 ** 30;
  const yieldTask = () => new Promise<void>((r) => real.setTimeout.call(globalThis, r, 0));

  Date.now = () => now;
  globalThis.setTimeout = ((fn: TimerHandler, ms?: number, ...args: unknown[]) => {
    if (!ms || ms <= 0 || typeof fn !== 'function') return (real.setTimeout as (f: TimerHandler, ms?: number, ...rest: unknown[]) => number).call(globalThis, fn, ms, ...args);
    const id = ++nextId;
    timers.set(id, { at: now + ms, order: ++order, run: () => (fn as (...a: unknown[]) => void)(...args) });
    return id;
  }) as typeof setTimeout;
  globalThis.clearTimeout = ((id?: number) => {
    if (id !== undefined && timers.has(id)) timers.delete(id);
    else real.clearTimeout.call(globalThis, id);
  }) as typeof clearTimeout;

  const tickTo = async (end: number) => {
    await yieldTask();
    for (;;) {
      let due: [number, { at: number; order: number; run: () => void }] | undefined;
      for (const entry of timers) if (entry[1].at <= end && (!due || entry[1].at < due[1].at || (entry[1].at === due[1].at && entry[1].order < due[1].order))) due = entry;
      if (!due) break;
      timers.delete(due[0]);
      now = Math.max(now, due[1].at);
      due[1].run();
      await yieldTask();
    }
    now = Math.max(now, end);
    await yieldTask();
  };

  return {
    get now() {
      return now;
    },
    get pending() {
      return timers.size;
    },
    tick: (ms) => tickTo(now + ms),
    tickTo,
    restore() {
      Date.now = real.now;
      globalThis.setTimeout = real.setTimeout;
      globalThis.clearTimeout = real.clearTimeout;
      timers.clear();
    },
  };
}

/**
 * Animation time under the test's control: `requestAnimationFrame` callbacks still run at
 * the browser's frames, but receive the timestamp the test set with `frame(t)` instead of the
 * real one, until `restore()`. An animation timed from its frames' timestamps is then
 * stepped through its own time, whatever the machine's speed; time starts at 0.
 */
export interface FakeFrames {
  /** How many frame callbacks are waiting to run. */
  readonly pending: number;
  /** Sets the animation time to `t` (ms) and lets two frames run with it, then the page render. */
  frame(t: number): Promise<void>;
  restore(): void;
}

export function installFrames(): FakeFrames {
  const real = { request: globalThis.requestAnimationFrame, cancel: globalThis.cancelAnimationFrame };
  const waiting = new Map<number, number>();
  let time = 0;
  let nextId = 0;
  const nextFrame = () => new Promise<void>((r) => real.request.call(globalThis, () => r()));
  globalThis.requestAnimationFrame = (cb) => {
    const id = ++nextId;
    waiting.set(
      id,
      real.request.call(globalThis, () => {
        waiting.delete(id);
        cb(time);
      }),
    );
    return id;
  };
  globalThis.cancelAnimationFrame = (id) => {
    const realId = waiting.get(id);
    if (realId !== undefined) real.cancel.call(globalThis, realId);
    waiting.delete(id);
  };
  return {
    get pending() {
      return waiting.size;
    },
    async frame(t) {
      time = t;
      await nextFrame();
      await nextFrame();
    },
    restore() {
      globalThis.requestAnimationFrame = real.request;
      globalThis.cancelAnimationFrame = real.cancel;
    },
  };
}
