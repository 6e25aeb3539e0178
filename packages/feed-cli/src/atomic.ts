/**
 * Writes several files so that a failure never leaves one half-written: each
 * is written in full (and flushed to disk) to a temporary file beside it, then
 * all are renamed into place, in the order given. A failure while writing
 * removes the temporary files and leaves the previous versions untouched.
 *
 * Each rename is atomic; between two renames (microseconds) a crash could
 * leave the first file new and the second old, never a truncated one.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface WriteHooks {
  /** Called after each chunk written to a temporary file (tests use it to simulate a failure mid-write). */
  afterChunk?(tempPath: string, chunk: number): void;
  /** Called after each temporary file is complete, before any rename. */
  afterWrite?(tempPath: string): void;
}

const BLOCK = 1 << 20;
const TEMP = /^\.(.+)\.tmp-(\d+)-\d+$/;

export const tempPathFor = (path: string): string => join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now()}`);

/**
 * Removes temporary files left by an earlier run that was killed before it could clean up, for
 * the given paths of one directory: the directory is listed once (a tiled set writes thousands
 * of files into a few directories; listing the directory again for each file took seconds).
 */
function removeStale(dir: string, paths: readonly string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const targets = new Set(paths.map((p) => basename(p)));
  for (const name of names) {
    const m = TEMP.exec(name);
    if (!m || !targets.has(m[1])) continue;
    const pid = Number(m[2]);
    if (pid !== process.pid && alive(pid)) continue; // another build is writing right now
    rmSync(join(dir, name), { force: true });
  }
}

/** Removes what earlier, killed runs left of `path`'s temporary files (a tiler's spill file, say). */
export const removeStaleTemps = (path: string): void => removeStale(dirname(path), [path]);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

type Content = string | Uint8Array | Iterable<string | Uint8Array>;

export function writeFilesAtomically(files: [path: string, content: Content][], hooks: WriteHooks = {}): void {
  const temps = writeTemps(files, hooks, true);
  for (const [temp, path] of temps) renameSync(temp, path);
}

/**
 * The same for many files (a tiled set writes thousands): each temporary file is written, then
 * all are flushed to disk together, several at a time (one flush after another, each waiting for
 * the disk's journal, took most of a build), and only then renamed into place.
 */
export async function writeFilesAtomicallyAsync(files: [path: string, content: Content][], hooks: WriteHooks = {}): Promise<void> {
  const temps = writeTemps(files, hooks, false);
  try {
    let next = 0;
    const flushOne = async () => {
      while (next < temps.length) {
        const h = await open(temps[next++][0], 'r');
        try {
          await h.sync();
        } finally {
          await h.close();
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(16, temps.length) }, flushOne));
  } catch (e) {
    for (const [temp] of temps) rmSync(temp, { force: true });
    throw e;
  }
  for (const [temp, path] of temps) renameSync(temp, path);
}

function writeTemps(files: [path: string, content: Content][], hooks: WriteHooks, flush: boolean): [string, string][] {
  const temps: [string, string][] = [];
  const dirs = new Map<string, string[]>();
  for (const [path] of files) {
    const list = dirs.get(dirname(path));
    if (list) list.push(path);
    else dirs.set(dirname(path), [path]);
  }
  try {
    for (const [dir, paths] of dirs) {
      mkdirSync(dir, { recursive: true });
      removeStale(dir, paths);
    }
    for (const [path, content] of files) {
      const temp = tempPathFor(path);
      temps.push([temp, path]);
      const fd = openSync(temp, 'w');
      try {
        // Pieces are gathered into blocks of about 1 MB: one system call per block, not per feature.
        let n = 0;
        let block = '';
        let wrote = false;
        const flushBlock = () => {
          writeSync(fd, block);
          block = '';
          wrote = true;
          hooks.afterChunk?.(temp, n++);
        };
        const bytes = (b: Uint8Array) => {
          if (block) flushBlock();
          for (let at = 0; at < b.length; at += BLOCK) {
            writeSync(fd, b, at, Math.min(BLOCK, b.length - at));
            wrote = true;
            hooks.afterChunk?.(temp, n++);
          }
        };
        for (const piece of content instanceof Uint8Array || typeof content === 'string' ? [content] : content) {
          if (piece instanceof Uint8Array) {
            bytes(piece);
            continue;
          }
          block += piece;
          if (block.length >= BLOCK) flushBlock();
        }
        if (block || !wrote) flushBlock();
        if (flush) fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      hooks.afterWrite?.(temp);
    }
  } catch (e) {
    for (const [temp] of temps) rmSync(temp, { force: true });
    throw e;
  }
  return temps;
}
