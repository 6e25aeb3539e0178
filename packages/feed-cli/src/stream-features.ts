/**
 * The features of a GeoJSON FeatureCollection (or a bare list of Features) one
 * batch at a time, read from the file as a stream: a million locations never sit
 * in memory as one string and one parsed tree.
 *
 * Files written one feature a line (as `ess-feed build` and `merge` write them)
 * are read line by line with JSON.parse, about ten times faster than a general
 * streaming parser; any other layout goes through stream-json.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import chain from 'stream-chain';
import { parser } from 'stream-json';
import { pick } from 'stream-json/filters/pick.js';
import { streamArray } from 'stream-json/streamers/stream-array.js';

type Batch = { offset: number; features: unknown[] };

/** Line by line; `undefined` as soon as a line is not one whole feature (then nothing was yielded). */
async function* byLine(path: string, size: number): AsyncGenerator<Batch, boolean> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  let batch: unknown[] = [];
  let offset = 0;
  let opened = false;
  let closed = false;
  for await (const raw of lines) {
    const line = (n++ === 0 ? raw.replace(/^\uFEFF/, '') : raw).trim();
    if (!line) continue;
    if (!opened) {
      if (!/^\{\s*"type"\s*:\s*"FeatureCollection"\s*,\s*"features"\s*:\s*\[$/.test(line) && line !== '[') return false;
      opened = true;
      continue;
    }
    if (closed) {
      if (offset === 0 && !batch.length) return false;
      throw new Error(`line ${n} follows the end of the list of features`);
    }
    if (line === ']}' || line === ']') {
      closed = true;
      continue;
    }
    let f: unknown;
    try {
      f = JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line);
    } catch {
      // Only the first batch may be abandoned: later ones were handed out already.
      if (offset === 0 && !batch.length) return false;
      throw new Error(`line ${n} is not one whole GeoJSON feature, as the lines before it were`);
    }
    batch.push(f);
    if (batch.length >= size) {
      yield { offset, features: batch };
      offset += batch.length;
      batch = [];
    }
  }
  if (!closed) {
    if (offset === 0) return false;
    throw new Error('the file ends before the list of features is closed: it may be cut short');
  }
  if (batch.length) yield { offset, features: batch };
  return true;
}

async function* byParser(path: string, size: number): AsyncGenerator<Batch> {
  const head = await new Promise<string>((ok, fail) => {
    let text = '';
    createReadStream(path, { encoding: 'utf8', start: 0, end: 4095 }).on('data', (c) => (text += c)).on('end', () => ok(text)).on('error', fail);
  });
  const bare = head.replace(/^\uFEFF/, '').trimStart().startsWith('[');
  const pipeline = chain([createReadStream(path), parser(), ...(bare ? [] : [pick({ filter: 'features' })]), streamArray()]);
  let batch: unknown[] = [];
  let offset = 0;
  for await (const item of pipeline as AsyncIterable<{ key: number; value: unknown }>) {
    batch.push(item.value);
    if (batch.length >= size) {
      yield { offset, features: batch };
      offset += batch.length;
      batch = [];
    }
  }
  if (batch.length) yield { offset, features: batch };
}

export async function* featureBatches(path: string, size = 5000): AsyncGenerator<Batch> {
  const lines = byLine(path, size);
  for (;;) {
    const r = await lines.next();
    if (r.done) {
      if (r.value) return;
      break;
    }
    yield r.value;
  }
  yield* byParser(path, size);
}
