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
import chain from 'stream-chain';
import { parser } from 'stream-json';
import { pick } from 'stream-json/filters/pick.js';
import { streamArray } from 'stream-json/streamers/stream-array.js';

type Batch = { offset: number; features: unknown[] };

/**
 * The lines of a file, a megabyte's worth at a time (the readline module hands them out one by
 * one, through a promise each: a fifth of the time spent reading a million features).
 */
async function* lineGroups(path: string): AsyncGenerator<string[]> {
  let rest = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
    const text = rest + chunk;
    const group: string[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      group.push(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
    // A file on one line (minified) is not read line by line: its first "line" is handed out at
    // 16 MB, is no opening line, and the general parser takes over.
    if (rest.length > 16 << 20) {
      group.push(rest);
      rest = '';
    }
    if (group.length) yield group;
  }
  if (rest) yield [rest];
}

/** Line by line; `undefined` as soon as a line is not one whole feature (then nothing was yielded). */
async function* byLine(path: string, size: number): AsyncGenerator<Batch, boolean> {
  let n = 0;
  let batch: unknown[] = [];
  let offset = 0;
  let opened = false;
  let closed = false;
  for await (const group of lineGroups(path)) for (const raw of group) {
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
