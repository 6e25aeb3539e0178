/**
 * Reading spreadsheet exports: comma, semicolon or tab (detected from the
 * header line), UTF-8 with or without BOM (or another encoding when the config
 * says so), Excel quoting and line breaks inside quoted cells. Every row keeps
 * the line where it starts in the file, so a problem can point at it.
 */
import { parse } from 'csv-parse/sync';

export interface Row {
  file: string;
  /** Line of the file where the row starts (1 = the header). */
  line: number;
  /** Cell values in header order (arrays, not objects: a 100,000-row export must stay small in memory). */
  values: string[];
}

export interface CsvTable {
  file: string;
  header: string[];
  rows: Row[];
  delimiter: string;
}

/** The file cannot be read as a table at all; `line` says where reading stopped. */
export class CsvError extends Error {
  override name = 'CsvError';
  constructor(message: string, readonly code: string, readonly line?: number) {
    super(message);
  }
}

/** The cells of a row by column name. */
export function cellsOf(table: Pick<CsvTable, 'header'>, row: Row): Record<string, string> {
  return Object.fromEntries(table.header.map((h, i) => [h, row.values[i] ?? '']));
}

const NL = 0x0a;
const CR = 0x0d;

/**
 * Decodes a file's bytes: UTF-8 (BOM or not) unless `encoding` says otherwise.
 * A file that is not valid UTF-8 is refused with the line of its first bad
 * byte, rather than read with replacement characters in names.
 */
export function decode(bytes: Uint8Array, file: string, encoding = 'utf-8'): Buffer {
  const utf8 = /^utf-?8$/i.test(encoding);
  if (utf8) {
    const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      const text = new TextDecoder('utf-8').decode(body);
      const bad = text.indexOf('\uFFFD');
      const line = text.slice(0, bad).split('\n').length;
      throw new CsvError(
        `${file} is not UTF-8 (line ${line} has a character that is not): save it as "CSV UTF-8" from the spreadsheet, ` +
          'or say its encoding in the config, e.g. "encoding": "windows-1252"',
        'not-utf8', line);
    }
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding);
  } catch {
    throw new CsvError(`"encoding": "${encoding}" is not an encoding this command knows (e.g. utf-8, windows-1252, iso-8859-15)`, 'bad-encoding');
  }
  return Buffer.from(decoder.decode(bytes).replace(/^\uFEFF/, ''), 'utf8');
}

/** The separator used in the header line, outside quotes: the most frequent of ; , and tab. */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map([[';', 0], [',', 0], ['\t', 0]]);
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [c, n] of counts) if (n > counts.get(best)!) best = c;
  return best;
}

const HINTS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a cell opened with a quote (") is never closed; close it, or double the quote ("") if it is part of the text',
  CSV_INVALID_CLOSING_QUOTE: 'a quoted cell goes on after its closing quote; a quote inside a quoted cell must be doubled ("")',
};

/**
 * Reads a CSV export. Throws CsvError when the file cannot be split into rows
 * (an unclosed quote, for instance); rows with the wrong number of cells are
 * kept for the caller to report.
 */
export function readCsv(input: Uint8Array | string, file: string, options: { encoding?: string; delimiter?: string } = {}): CsvTable {
  const buf = typeof input === 'string' ? Buffer.from(input.replace(/^\uFEFF/, ''), 'utf8') : decode(input, file, options.encoding);
  let headerEnd = buf.indexOf(NL);
  if (headerEnd < 0) headerEnd = buf.length;
  const delimiter = options.delimiter ?? detectDelimiter(buf.subarray(0, headerEnd).toString('utf8'));

  // Line numbers are counted from the bytes: csv-parse reports where each
  // record ends (ctx.bytes), and a record starts after the previous one and
  // any empty lines it skipped.
  const rows: Row[] = [];
  let header: string[] | undefined;
  let offset = 0;
  let line = 1;
  const advance = (to: number) => {
    for (let i = offset; i < to; i++) if (buf[i] === NL) line++;
    offset = to;
  };
  const skipBlank = () => {
    let i = offset;
    while (i < buf.length && (buf[i] === NL || buf[i] === CR)) i++;
    advance(i);
  };
  try {
    parse(buf, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      on_record: (record: string[], ctx: { bytes: number }) => {
        skipBlank();
        const start = line;
        advance(ctx.bytes);
        // Line breaks inside cells as the spreadsheet meant them, the same on every system.
        const values = record.map((c) => (c.includes('\r') ? c.replace(/\r\n?/g, '\n') : c).trim());
        if (!header) header = values;
        else if (values.some((c) => c)) rows.push({ file, line: start, values });
        return null;
      },
    });
  } catch (e) {
    const err = e as Error & { code?: string };
    skipBlank();
    const hint = err.code ? HINTS[err.code] : undefined;
    throw new CsvError(`${file}:${line}: ${hint ?? err.message}; nothing after this line could be read`, 'csv-syntax', line);
  }
  return { file, header: header ?? [], rows, delimiter };
}
