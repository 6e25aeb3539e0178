/**
 * Records the workers a page starts, by script URL, for tests that must see
 * work move off the main thread. `make` gives the class to stand in for the
 * real `Worker` (e.g. one whose constructor throws, as under a CSP that
 * refuses workers). `restore()` puts the real one back and forgets a blob:
 * refusal the test caused (see worker-start.ts).
 */
export function watchWorkers(make: (real: typeof Worker) => typeof Worker = (real) => real): { started: string[]; restore: () => void } {
  const real = globalThis.Worker;
  const started: string[] = [];
  const Base = make(real);
  globalThis.Worker = class extends Base {
    constructor(url: string | URL, options?: WorkerOptions) {
      started.push(String(url));
      super(url, options);
    }
  } as typeof Worker;
  return {
    started,
    restore: () => {
      globalThis.Worker = real;
      delete (globalThis as Record<symbol, unknown>)[Symbol.for('ess-widgets.blob-worker-refused')];
    },
  };
}

/** A stand-in for `Worker` whose constructor refuses, as a page where no worker may start. */
export const refusingWorker = (): typeof Worker =>
  class {
    constructor() {
      throw new DOMException('refused', 'SecurityError');
    }
  } as unknown as typeof Worker;
