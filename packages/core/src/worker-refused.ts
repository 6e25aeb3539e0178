/**
 * Whether this page refused a blob: worker (a CSP without `worker-src blob:`),
 * remembered on the page's global so that every copy of the suite, the
 * loader's download worker and the finder's index try it once: a strict CSP
 * then reports one violation, not one per element or download.
 */
const REFUSED = Symbol.for('ess-widgets.blob-worker-refused');
type Flagged = typeof globalThis & { [REFUSED]?: boolean };

/** Whether a blob: worker was refused on this page already. */
export const workerRefused = (): boolean => !!(globalThis as Flagged)[REFUSED];

/** Remembers that a blob: worker was refused on this page. */
export const markWorkerRefused = (): void => void ((globalThis as Flagged)[REFUSED] = true);
