/**
 * The small, eager part of sliced parsing: the size above which the loader
 * hands a document to sliced.ts (loaded only then, with a dynamic import),
 * and the pause every long job on the page uses.
 */

/** Documents at least this large (in characters) are handled in slices. */
export const SLICE_ABOVE = 1_000_000;

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
