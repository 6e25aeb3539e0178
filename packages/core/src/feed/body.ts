/**
 * Reading a response body part by part, and joining the parts: the one loop
 * the loader (on the page, pausing between parts), its download worker
 * (fetch.worker.ts) and the finder (its encoded inline locations) share.
 */

/**
 * The largest document the elements read, in bytes: 500 MB. A browser holds a JSON document as one
 * string to parse it, and Chromium's strings stop at 2^29 - 24 characters (536,870,888); past that
 * the text cannot be made at all. A larger file is stopped as soon as it announces or passes this
 * size (no download for nothing) with an error that says to publish it range-readable
 * (`ess-feed tile`). 700,000 locations of the sample's kind are about 484 MB.
 */
export const MAX_DOCUMENT_BYTES = 500_000_000;

/**
 * The largest document kept as a last good copy, in bytes before compression:
 * 64 MiB (about 97,000 locations of the demo feed's kind, 690 bytes each). A larger one is not saved (the console
 * says so); the page works as before, without a copy to fall back on.
 */
export const MAX_SAVED_BYTES = 64 * 1024 * 1024;

/** The length Content-Length announces, when the stream gives that many bytes (no Content-Encoding: it counts compressed ones). */
export function announcedTotal(headers: Headers): number | undefined {
  const length = Number(headers.get('content-length'));
  return length > 0 && !headers.get('content-encoding') ? length : undefined;
}

/** A body larger than MAX_DOCUMENT_BYTES: announced so (`total`), or more than that received (readParts). */
export class TooLarge extends Error {
  constructor(readonly total?: number) {
    super(`larger than ${MAX_DOCUMENT_BYTES} bytes`);
  }
}

/** Throws TooLarge when the announced length (announcedTotal) is over MAX_DOCUMENT_BYTES: nothing is downloaded for nothing. */
export function refuseTooLarge(total: number | undefined): void {
  if (total !== undefined && total > MAX_DOCUMENT_BYTES) throw new TooLarge(total);
}

/**
 * Every part of a body until it ends; `each` runs after each part with the
 * bytes received so far and the part (it may throw to stop, or return a promise to pause).
 * Past MAX_DOCUMENT_BYTES, the body is cancelled (the download stops) and TooLarge thrown.
 */
export async function readParts(reader: ReadableStreamDefaultReader<Uint8Array>, each: (received: number, part: Uint8Array) => unknown): Promise<{ parts: Uint8Array[]; received: number }> {
  const parts: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { parts, received };
    parts.push(value);
    received += value.byteLength;
    if (received > MAX_DOCUMENT_BYTES) {
      reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    await each(received, value);
  }
}

/** The parts as one buffer (emptying `parts`); `pause`, when given, runs between parts (the page's thread given back). */
export async function joinParts(parts: Uint8Array[], pause?: () => Promise<void> | undefined): Promise<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts.splice(0)) {
    out.set(part, at);
    at += part.byteLength;
    await pause?.();
  }
  return out.buffer;
}

/**
 * A copy of `view` as a buffer of its own, made a megabyte at a time with `pause` between (a 69 MB copy
 * in one go was one task of 190 ms on the page here: fresh memory is slow to touch).
 */
export function copyInParts(view: Uint8Array, pause: () => Promise<void> | undefined): Promise<ArrayBuffer> {
  const step = 1 << 20;
  return joinParts(Array.from({ length: Math.ceil(view.byteLength / step) }, (_, i) => view.subarray(i * step, (i + 1) * step)), pause);
}

/** Gzips `bytes` with the browser's CompressionStream, or returns undefined where there is none. */
export async function gzip(bytes: Uint8Array): Promise<ArrayBuffer | undefined> {
  if (typeof CompressionStream === 'undefined') return undefined;
  return new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
}

/** Copies smaller than this are stored as they are: compressing them saves nothing worth the work. */
export const COMPRESS_ABOVE = 16 * 1024;
