/**
 * .xlsx (Excel) and .ods (LibreOffice, OpenOffice) workbooks, read with SheetJS
 * (the @e965/xlsx republication of SheetJS 0.20.3 on npm: no dependencies, both
 * formats). The first sheet, or the one named by "sheet"; cells as the
 * spreadsheet shows them (a number with a decimal comma stays readable);
 * rows numbered as the spreadsheet numbers them, so a message points at the row
 * the publisher sees.
 */
import { createRequire } from 'node:module';
import { CsvError, type CsvTable, type Row } from './csv.js';

type SheetJS = typeof import('@e965/xlsx');
let lib: SheetJS | undefined;
/** Loaded on the first workbook only: a CSV build never pays for it. */
const sheetjs = (): SheetJS => (lib ??= createRequire(import.meta.url)('@e965/xlsx') as SheetJS);

const ZIP = [0x50, 0x4b, 0x03, 0x04];

export function isSpreadsheet(file: string, bytes: Uint8Array): boolean {
  if (/\.(xlsx|xlsm|ods)$/i.test(file.replace(/[?#].*$/, ''))) return true;
  return ZIP.every((b, i) => bytes[i] === b);
}

/** A cell's text: strings as typed; numbers as the sheet formats them, else plainly; dates as YYYY-MM-DD. */
function cellText(cell: { t?: string; v?: unknown; w?: string } | undefined): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  if (cell.t === 's' || cell.t === 'str') return String(cell.v);
  if (cell.t === 'n') return typeof cell.v === 'number' ? String(cell.v) : String(cell.w ?? cell.v);
  if (cell.t === 'b') return cell.v ? 'yes' : 'no';
  if (cell.t === 'd' && cell.v instanceof Date) return cell.v.toISOString().slice(0, 10);
  if (cell.t === 'e') return '';
  return String(cell.w ?? cell.v);
}

export function readSpreadsheet(bytes: Uint8Array, file: string, sheet?: string): CsvTable & { sheet: string; sheets: string[] } {
  const X = sheetjs();
  let wb;
  try {
    wb = X.read(bytes, { type: 'buffer', cellDates: true, cellFormula: false, cellHTML: false, cellStyles: false, dense: true });
  } catch (e) {
    throw new CsvError(`${file} cannot be read as a workbook (${(e as Error).message}); save it again as .xlsx or .ods, or export it as "CSV UTF-8"`, 'bad-workbook');
  }
  const names = wb.SheetNames;
  if (!names.length) throw new CsvError(`${file} has no sheet`, 'bad-workbook');
  const name = sheet ?? names[0];
  const ws = wb.Sheets[name];
  if (!ws) throw new CsvError(`${file} has no sheet "${sheet}" (its sheets: ${names.map((n) => `"${n}"`).join(', ')}); correct "sheet" in the config`, 'no-sheet');
  const ref = ws['!ref'];
  if (!ref) return { file, header: [], rows: [], delimiter: '', encoding: 'xlsx', lines: 0, multiline: [], notes: [], sheet: name, sheets: names };
  const range = X.utils.decode_range(ref);
  const dense = (ws as unknown as { '!data'?: ({ t?: string; v?: unknown; w?: string } | undefined)[][] })['!data'];
  const at = (r: number, c: number) => (dense ? dense[r]?.[c] : (ws as Record<string, { t?: string; v?: unknown; w?: string }>)[X.utils.encode_cell({ r, c })]);
  let header: string[] | undefined;
  let headerRow = 0;
  const rows: Row[] = [];
  const multiline: number[] = [];
  let lines = 0;
  for (let r = range.s.r; r <= range.e.r; r++) {
    const values: string[] = [];
    for (let c = range.s.c; c <= range.e.c; c++) values.push(cellText(at(r, c)).replace(/\r\n?/g, '\n').trim());
    if (!header) {
      if (values.some(Boolean)) {
        // Trailing empty header cells are not columns.
        while (values.length && !values[values.length - 1]) values.pop();
        header = values;
        headerRow = r;
      }
      continue;
    }
    if (!values.some(Boolean)) continue;
    lines++;
    // Cells past the header's last column are only a mistake when they hold something.
    while (values.length > header.length && !values[values.length - 1]) values.pop();
    while (values.length < header.length) values.push('');
    if (values.some((v) => v.includes('\n'))) multiline.push(r + 1);
    rows.push({ file, line: r + 1, values });
  }
  void headerRow;
  return { file, header: header ?? [], rows, delimiter: '', encoding: file.toLowerCase().endsWith('.ods') ? 'ods' : 'xlsx', lines, multiline, notes: [], sheet: name, sheets: names };
}

/** A workbook of one sheet: a header row and rows of text. */
export function writeWorkbook(sheetName: string, rows: string[][], bookType: 'xlsx' | 'ods' = 'xlsx'): Buffer {
  const X = sheetjs();
  const wb = X.utils.book_new();
  // A fixed date: the same template gives the same bytes.
  wb.Props = { CreatedDate: new Date('2026-01-01T00:00:00Z') };
  const ws = X.utils.aoa_to_sheet(rows);
  ws['!cols'] = rows[0].map((h) => ({ wch: Math.max(12, h.length + 2) }));
  X.utils.book_append_sheet(wb, ws, sheetName);
  return X.write(wb, { type: 'buffer', bookType, compression: true }) as Buffer;
}
