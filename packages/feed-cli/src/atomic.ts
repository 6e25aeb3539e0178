/**
 * Writes several files so that either all of them change or none does: each
 * is written in full to a temporary file beside it, then all are renamed into
 * place. A failure while writing removes the temporary files and leaves the
 * previous versions untouched.
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export interface WriteHooks {
  /** Called after each temporary file is written (tests use it to simulate a failure mid-build). */
  afterWrite?(tempPath: string): void;
}

export function writeFilesAtomically(files: [path: string, content: string | Iterable<string>][], hooks: WriteHooks = {}): void {
  const temps: [string, string][] = [];
  try {
    for (const [path, content] of files) {
      mkdirSync(dirname(path), { recursive: true });
      const temp = `${path}.tmp-${process.pid}-${Date.now()}`;
      temps.push([temp, path]);
      const fd = openSync(temp, 'w');
      try {
        for (const chunk of typeof content === 'string' ? [content] : content) writeSync(fd, chunk);
      } finally {
        closeSync(fd);
      }
      hooks.afterWrite?.(temp);
    }
  } catch (e) {
    for (const [temp] of temps) rmSync(temp, { force: true });
    throw e;
  }
  for (const [temp, path] of temps) renameSync(temp, path);
}
