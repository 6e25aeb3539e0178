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
  /** How the file was read: "utf-8", "windows-1252" (detected), or the encoding the config gave. */
  encoding: string;
  /** Lines of the file after the header, blank ones aside: equal to rows.length unless cells hold line breaks. */
  lines: number;
  /** Lines where a row starts that spans several lines (a cell with a line break). */
  multiline: number[];
  /** Things to say about the file that lose nothing: a pasted line in another encoding. */
  notes: CsvNote[];
  /** The workbook's sheet that was read (.xlsx, .ods), and all its sheets. */
  sheet?: string;
  sheets?: string[];
}

export interface CsvNote {
  code: string;
  line: number;
  message: string;
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
const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const cp1252 = new TextDecoder('windows-1252');
const isUtf8 = (b: Uint8Array) => {
  try {
    utf8Strict.decode(b);
    return true;
  } catch {
    return false;
  }
};
const hasHighBytes = (b: Uint8Array) => b.some((x) => x >= 0x80);
const clipText = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export interface Decoded {
  buf: Buffer;
  encoding: string;
  notes: CsvNote[];
}

/**
 * Decodes a file's bytes. Without `encoding` (or with "utf-8"), it is detected:
 * UTF-8 with or without BOM; a file that is not UTF-8 anywhere is Windows-1252
 * (Excel's plain "CSV" on Windows); a UTF-8 file with a few lines that are not
 * (pasted from another file) has those lines read as Windows-1252, each with a
 * note. A named encoding that the file contradicts (a UTF-8 file said to be
 * Windows-1252 would turn "à" into "Ã ") is refused, naming the line.
 */
export function decode(bytes: Uint8Array, file: string, encoding?: string): Decoded {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (encoding && !/^utf-?8$/i.test(encoding)) {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(encoding);
    } catch {
      throw new CsvError(`"encoding": "${encoding}" is not an encoding this command knows (e.g. utf-8, windows-1252, iso-8859-15)`, 'bad-encoding');
    }
    const body = bom ? bytes.subarray(3) : bytes;
    if (bom || (hasHighBytes(body) && isUtf8(body))) {
      const text = new TextDecoder('utf-8').decode(body);
      const lineIndex = text.split('\n').findIndex((l) => /[^\x00-\x7f]/.test(l));
      const word = /[^\s;,\t"]*[^\x00-\x7f][^\s;,\t"]*/.exec(text.split('\n')[lineIndex] ?? '')?.[0] ?? '';
      const garbled = decoder.decode(Buffer.from(word, 'utf8'));
      throw new CsvError(
        `${file}:${lineIndex + 1}: this file is UTF-8${bom ? ' (it starts with a UTF-8 byte order mark)' : ''}, not ${encoding}: read as ${encoding}, "${word}" on line ${lineIndex + 1} would become "${garbled}". ` +
          'Remove "encoding" for this file (the encoding is detected)',
        'wrong-encoding', lineIndex + 1);
    }
    return { buf: Buffer.from(decoder.decode(body).replace(/^\uFEFF/, ''), 'utf8'), encoding: encoding.toLowerCase(), notes: [] };
  }
  const body = bom ? bytes.subarray(3) : bytes;
  if (isUtf8(body)) return { buf: Buffer.from(body.buffer, body.byteOffset, body.byteLength), encoding: 'utf-8', notes: [] };
  // Line by line: which lines are UTF-8 with accents, which are not UTF-8 at all.
  const parts: Uint8Array[] = [];
  let from = 0;
  for (let i = 0; i <= body.length; i++) {
    if (i === body.length || body[i] === NL) {
      parts.push(body.subarray(from, i));
      from = i + 1;
    }
  }
  const bad = parts.map((p, i) => (hasHighBytes(p) && !isUtf8(p) ? i : -1)).filter((i) => i >= 0);
  const utf8Accents = parts.some((p) => hasHighBytes(p) && isUtf8(p));
  if (!utf8Accents && !bom) {
    return { buf: Buffer.from(cp1252.decode(body), 'utf8'), encoding: 'windows-1252', notes: [] };
  }
  const notes: CsvNote[] = [];
  const out = parts.map((p, i) => {
    if (!bad.includes(i)) return Buffer.from(p);
    const text = cp1252.decode(p);
    notes.push({
      code: 'mixed-encoding', line: i + 1,
      message: `this line is not UTF-8 like the rest of the file (pasted from another file?); it was read as Windows-1252: "${clipText(text.replace(/\r$/, ''))}" — check its accents, and save the file as "CSV UTF-8" to keep them`,
    });
    return Buffer.from(text, 'utf8');
  });
  const joined: Buffer[] = [];
  out.forEach((b, i) => {
    joined.push(b);
    if (i < out.length - 1) joined.push(Buffer.from([NL]));
  });
  return { buf: Buffer.concat(joined), encoding: 'utf-8', notes };
}

/** Text that is UTF-8 read as Windows-1252 ("Ã©" for "é", "â€™" for "’"), and what it should have said. */
const MOJIBAKE = /Ã[\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]|â€[™œ\u009d˜“”¦¢¡žš]|Å[“’¡¸½¾]|Â[\u00a0-\u00bf]/;
export function mojibake(s: string): string | undefined {
  if (!MOJIBAKE.test(s)) return undefined;
  const bytes = [...s].map((ch) => {
    // The characters Windows-1252 puts at 0x80–0x9f; the others are their own byte.
    const i = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'.indexOf(ch);
    const code = ch.codePointAt(0)!;
    return i >= 0 ? 0x80 + i : code < 0x100 ? code : 0x3f;
  });
  const fixed = new TextDecoder('utf-8').decode(Uint8Array.from(bytes));
  return fixed.includes('\uFFFD') ? s : fixed;
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

/** The line of a quote that opens a cell and is never closed, scanning from `from`. */
function unclosedQuoteLine(text: string, from: number, firstLine: number, delimiter: string): number | undefined {
  let line = firstLine;
  let quoted = false;
  let openedAt = firstLine;
  let cellStart = true;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else {
          quoted = false;
          cellStart = false;
        }
      } else if (ch === '\n') line++;
      continue;
    }
    if (ch === '"' && cellStart) {
      quoted = true;
      openedAt = line;
    } else if (ch === '\n') {
      line++;
      cellStart = true;
    } else cellStart = ch === delimiter || (ch === '\r' && cellStart);
  }
  return quoted ? openedAt : undefined;
}

/**
 * Reads a CSV export. Throws CsvError when the file cannot be split into rows:
 * a quote never closed, or one closed so much later that whole rows ended up
 * in one cell (a stray " before a cell). Rows with the wrong number of cells
 * are kept for the caller to report.
 */
export function readCsv(input: Uint8Array | string, file: string, options: { encoding?: string; delimiter?: string } = {}): CsvTable {
  const decoded: Decoded = typeof input === 'string'
    ? { buf: Buffer.from(input.replace(/^\uFEFF/, ''), 'utf8'), encoding: 'utf-8', notes: [] }
    : decode(input, file, options.encoding);
  const buf = decoded.buf;
  let headerEnd = buf.indexOf(NL);
  if (headerEnd < 0) headerEnd = buf.length;
  const delimiter = options.delimiter ?? detectDelimiter(buf.subarray(0, headerEnd).toString('utf8'));

  // Line numbers are counted from the bytes: csv-parse reports where each
  // record ends (ctx.bytes), and a record starts after the previous one and
  // any empty lines it skipped.
  const rows: Row[] = [];
  const multiline: number[] = [];
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
  let runaway: CsvError | undefined;
  try {
    parse(buf, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      on_record: (record: string[], ctx: { bytes: number }) => {
        if (runaway) return null;
        skipBlank();
        const start = line;
        advance(ctx.bytes);
        if (header && record.some((c) => c.includes('\n'))) multiline.push(start);
        if (header && !runaway) {
          // A cell holding lines that look like rows (as many separators as half a row, or more):
          // a quote opened here was closed only much later, and the rows between became this cell.
          const need = Math.max(2, Math.floor((header.length - 1) / 2));
          let before = 0;
          for (let k = 0; k < record.length; k++) {
            if (!record[k].includes('\n')) continue;
            const inner = record[k].split('\n');
            const swallowed = inner.slice(1).filter((l) => l.split(delimiter).length - 1 >= need).length;
            if (swallowed) {
              const open = start + before;
              const close = open + inner.length - 1;
              const column = header[k] !== undefined ? ` (column "${header[k]}")` : '';
              runaway = new CsvError(
                `${file}:${open}: a quote (") opens a cell on line ${open}${column} and is closed only on line ${close}: ` +
                  `lines ${open + 1}–${close}, with their separators, became part of that one cell, and their rows would be lost. ` +
                  'Remove that quote, or double it ("") if it is part of the text; nothing was read from this file',
                'runaway-quote', open);
              break;
            }
            before += inner.length - 1;
          }
        }
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
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
      const at = unclosedQuoteLine(buf.toString('utf8', offset), 0, line, delimiter) ?? line;
      throw new CsvError(
        `${file}:${at}: a quote (") opens a cell on line ${at} and is never closed, so nothing after it could be read; ` +
          'remove that quote, or double it ("") if it is part of the text',
        'unclosed-quote', at);
    }
    const hint = err.code ? HINTS[err.code] : undefined;
    throw new CsvError(`${file}:${line}: ${hint ?? err.message}; nothing after this line could be read`, 'csv-syntax', line);
  }
  if (runaway) throw runaway;
  // Lines after the header, blank ones aside, for the "N rows on M lines" check.
  let lines = 0;
  let blank = true;
  let seenHeader = false;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (b === NL) {
      if (!blank) {
        if (seenHeader) lines++;
        else seenHeader = true;
      }
      blank = true;
    } else if (b !== CR && b !== 0x20 && b !== 0x09 && !(b === delimiter.charCodeAt(0))) blank = false;
  }
  if (!blank && seenHeader) lines++;
  return { file, header: header ?? [], rows, delimiter, encoding: decoded.encoding, lines, multiline, notes: decoded.notes };
}
