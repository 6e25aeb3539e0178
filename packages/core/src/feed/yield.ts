/**
 * Giving the page's main thread back during long work (parsing a big feed,
 * reading a big download), so that no task runs much longer than SLICE_MS;
 * and the size above which the loader hands a document to sliced.ts (loaded
 * only then, with a dynamic import).
 */

/** Documents at least this large (in bytes) are handled in slices. */
export const SLICE_ABOVE = 1_000_000;

/**
 * About how long a slice of work runs before the page gets the thread back: short enough that
 * Lighthouse's mobile preset, which counts every task four times as long as it ran, finds no
 * blocking time in the slices themselves (4 × 8 < 50 ms); a yield costs about 0.1 ms.
 */
export const SLICE_MS = 8;

/** Yields to the event loop (a message, not setTimeout: nested timeouts are clamped to 4 ms). */
export const yieldToPage = (): Promise<void> =>
  new Promise<void>((resolve) => {
    if (typeof MessageChannel === 'undefined') return void setTimeout(resolve, 0);
    const c = new MessageChannel();
    c.port1.onmessage = () => {
      c.port1.close();
      resolve();
    };
    c.port2.postMessage(null);
  });

/** A function that yields (returns a promise) once SLICE_MS have passed since it last did, and returns undefined before. */
export function slicer(): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < SLICE_MS) return undefined;
    return yieldToPage().then(() => void (since = performance.now()));
  };
}
