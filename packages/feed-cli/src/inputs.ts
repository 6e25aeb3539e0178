/**
 * An input, whatever it is: a CSV export (any separator, detected encoding),
 * an .xlsx or .ods workbook (first sheet or a named one), or a published CSV
 * at an https:// address (fetched before the build).
 */
import { readFileSync } from 'node:fs';
import { CsvError, readCsv, type CsvTable } from './csv.js';
import { isSpreadsheet, readSpreadsheet } from './spreadsheet.js';
import type { InputSpec } from './config.js';

export type { InputSpec } from './config.js';

export const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);

/** Reads one input into rows, with the line (or sheet row) of each. */
export function readTable(input: InputSpec & { bytes?: Uint8Array }): CsvTable {
  const bytes = input.bytes ?? readFileSync(input.file);
  if (isSpreadsheet(input.file, bytes)) return readSpreadsheet(bytes, input.file, input.sheet);
  if (input.sheet) throw new CsvError(`${input.file}: "sheet" is for .xlsx and .ods workbooks; this is a CSV file`, 'not-a-workbook');
  return readCsv(bytes, input.file, { encoding: input.encoding, delimiter: input.delimiter });
}

/** Fetches a published CSV (e.g. a spreadsheet's "publish to the web" link); the same 10 s limit as `check`. */
export async function fetchInput(url: string, timeoutMs = 10_000): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const why = err.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : err.cause?.code ?? err.cause?.message ?? err.message;
    throw new CsvError(`${url} cannot be fetched (${why})`, 'unreachable');
  }
  if (!res.ok) throw new CsvError(`${url} answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`, 'unreachable');
  const type = res.headers.get('content-type') ?? '';
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (/text\/html/i.test(type) || /^\s*<(!doctype|html)/i.test(Buffer.from(bytes.subarray(0, 200)).toString('utf8'))) {
    throw new CsvError(`${url} is a web page, not a CSV: publish the sheet "as CSV" (comma-separated values) and give that link`, 'not-csv');
  }
  return bytes;
}
