/**
 * ess-feed — build, check, count, merge and serve ESS Widgets feeds.
 * Every command prints what it did and what is wrong, precisely; exit status
 * 0 on success, 1 on a problem the command was asked to fail on, 2 on misuse.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, buildToDir, featureLines, inputsOf, type BuildInput, type BuildProblem, type BuildResult } from './build.js';
import { fetchInput, isUrl } from './inputs.js';
import { compareWithInput, printComparison } from './check-input.js';
import { init, INIT_LANGS } from './init.js';
import { check, toUrl, type CheckReport } from './check.js';
import { ConfigError, readConfig } from './config.js';
import { CsvError } from './csv.js';
import { countLocations, formatTable, OWNED, statsRecords, today } from './stats.js';
import { merge, slug } from './merge.js';
import { startServer } from './serve.js';
import { tileFeed } from './tile-feed.js';
import { writeFilesAtomically } from './atomic.js';

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

const HELP: Record<string, string> = {
  main: `ess-feed — build, check and serve ESS Widgets feeds

Usage: ess-feed <command> [options]

Commands:
  init    a config and a template sheet for a new network, in its language
  build   spreadsheets (CSV, .xlsx, .ods, a published CSV link) + a config → the feed
  check   validate a feed (file or URL), or CSV files with their config, as the widgets will
  stats   the counts the sector counter derives (by category, material, region, organization, label)
  merge   one feed from several publishers
  serve   a local server to try the elements against a local feed
  tile    the range-readable form of a large directory (FlatGeobuf + indexes)

Run "ess-feed <command> --help" for a command's options. Docs: docs/feed-cli.md`,
  build: `Usage: ess-feed build --config ess-feed.config.json [--out DIR] [data.csv | members.xlsx | members.ods | https://… …]

Reads CSV exports (comma, semicolon or tab; UTF-8 with or without BOM, or
Windows-1252, detected file by file and line by line; Excel quoting; line
breaks inside cells; decimal commas), .xlsx and .ods workbooks (the first
sheet, or "sheet" in the config's "inputs"), and published CSV links, and
writes DIR/locations.geojson, DIR/places.geojson and DIR/feed.json: sorted,
the same bytes for the same input, written atomically. Without files, builds
the config's "inputs".

Every problem is printed with its file, line and column, and every file's row
count. A row without coordinates is placed at its postcode from the bundled
Belgian and French gazetteer (marked approximate, and listed). Nothing is
written (the previous feed stays as it was) when the config or a file cannot
be used, when a row was left out (unless --allow-skipped), when no row can be
used, or with --strict when there is any problem.

Options:
  --config FILE     the config: publisher, languages, categories, column mapping (required)
  --out DIR         where to write (default: the current folder)
  --sheet NAME      the sheet of the .xlsx/.ods files to read (default: the first)
  --allow-skipped   write the other rows when some are left out (each still reported)
  --fix-hours       replace opening hours typed as text ("du mardi au samedi de 10h à 18h")
                    by the OpenStreetMap value suggested ("Tu-Sa 10:00-18:00")
  --json            the report as JSON, for machines
  --strict          write nothing and exit 1 on any problem, warnings included
                    (a place listed twice is then an error)

Exit status: 0 written, 1 nothing written, 2 misuse.`,
  init: `Usage: ess-feed init [--lang fr|nl|de|en] [--out DIR] [--name "Network name"]

Writes, for a new network, in its language: DIR/ess-feed.config.json (publisher,
languages, categories, materials, the column mapping) and a template sheet with
the expected headers and one example row, as CSV (UTF-8 with BOM, ";") and as
.xlsx. Fill the sheet, then: ess-feed build --config DIR/ess-feed.config.json
Existing files are never overwritten.`,
  check: `Usage: ess-feed check <feed.json | https://…/feed.json> [--json] [--strict]
       ess-feed check --config ess-feed.config.json data.csv [more.csv …] [--json] [--strict]
       ess-feed check feed.json --input members.csv [--input more.xlsx …] --config ess-feed.config.json

Validates the feed and the files it links to ("href") with the widgets' own
validator and prints each problem with its file and JSON path, then a summary.
Over http(s), also says when the server sends no CORS header.
With --config, checks CSV files as "build" would read them, writing nothing:
each problem with its line and column.
With --input, also says whether every row of the spreadsheet is in the feed,
and lists the rows that are not (by line), and the feed's locations that no
row gives.

Options:
  --json            the report as JSON, for machines
  --strict          exit 1 on any problem, warnings included
  --allow-skipped   with --config: a row that would be left out is not a failure
  --sheet NAME      with --config or --input: the sheet of the .xlsx/.ods files

Exit status: 1 when the feed cannot be used at all (unreachable, not JSON, wrong
shape; for CSV: a file or the config cannot be used, or a row is left out) or
when a row of --input is not in the feed, or, with --strict, on any problem;
0 otherwise; 2 misuse.`,
  stats: `Usage: ess-feed stats <feed.json | URL> [--json] [--write]

Counts locations by category, material, region, organization and label, as the
sector counter's count="locations" does, and prints a table (or JSON).

  --write   store the counts in the feed's stats, dated today: count-locations,
            count-category-<id>, count-material-<id>, count-region-<code>,
            count-organization-<id>, count-label-<id>. Stats whose id starts
            with "count-" are replaced; the others are kept. When the feed keeps
            its stats in another file ({"href": …}), that file is updated.`,
  merge: `Usage: ess-feed merge a.json b.json [… ] --out DIR [--prefix a,b] [--strict]

Merges several publishers' feeds into DIR/feed.json and DIR/locations.geojson.
Location, organization, campaign and stat ids get a namespace per publisher
(default: the publisher's name as a slug; --prefix to choose); the first feed's
publisher leads and all are listed in "sources"; categories, materials and
labels are reconciled by id (translations combined). Every conflict is printed:
a definition that differs (the first is kept), a place both publishers list.

  --strict   write nothing and exit 1 on any conflict`,
  tile: `Usage: ess-feed tile feed.json [--json]

For directories of hundreds of thousands of places. Validates the feed's
locations as "check" does, then writes beside the feed:
  locations.fgb          every location as FlatGeobuf (packed Hilbert R-tree):
                         browsers read only the places in view, by HTTP range
                         requests, from any static host; GDAL and QGIS open it
  locations.index/       index.json, clusters for the zoomed-out view (per
                         category counts), places (postcodes, localities), and
                         the name index in small files
and links them from feed.json: "locations": {"href": "locations.fgb",
"format": "flatgeobuf", "index": "locations.index/index.json"}. The GeoJSON file
stays where it is. Every file is written atomically. Host the folder on a
server that answers Range requests (most static hosts, CDNs and object storage
do; "ess-feed serve" does).

Exit status: 0 written, 1 nothing written, 2 misuse.`,
  serve: `Usage: ess-feed serve [DIR] [--port 8080] [--host 127.0.0.1]

Serves DIR (default: the current folder) with gzip, ETag/304, byte ranges and CORS headers
(Access-Control-Allow-Origin: *), on the loopback interface unless --host says
otherwise. --port 0 picks a free port. Ctrl+C stops it.`,
};

const stdio: Io = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

const label = (severity: string) => (severity === 'error' ? 'error  ' : 'warning');

function describe(p: BuildProblem): string {
  return `${label(p.severity)}  ${p.where}: ${p.message}`;
}

/** A path as people read it: relative to the current folder when it is inside it. */
const shown = (path: string) => {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
};

const ranges = (lines: number[]) => {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j] + 1) j++;
    out.push(j > i ? `${lines[i]}–${lines[j]}` : String(lines[i]));
    i = j;
  }
  return out.length > 12 ? `${out.slice(0, 12).join(', ')}, …` : out.join(', ');
};

/** One line per file: rows read, published, left out (with their lines), how it was read. */
export function fileLine(f: BuildResult['files'][number]): string {
  if (f.unreadable) return `${f.file}: not read (see above)`;
  const how = [f.sheet ? `sheet "${f.sheet}"` : undefined, f.encoding === 'utf-8' ? 'UTF-8' : f.encoding === 'windows-1252' ? 'Windows-1252' : f.encoding === 'xlsx' || f.encoding === 'ods' ? undefined : f.encoding, f.delimiter ? `"${f.delimiter === '\t' ? '\\t' : f.delimiter}"` : undefined].filter(Boolean).join(', ');
  const onLines = f.lines !== f.rows && f.delimiter
    ? ` on ${f.lines} lines (${f.multiline.length === 1 ? `the row at line ${f.multiline[0]} has` : `the rows at lines ${ranges(f.multiline)} have`} cells with line breaks)`
    : '';
  const left = f.left.length ? `, ${f.left.length} left out (line${f.left.length > 1 ? 's' : ''} ${ranges(f.left)})` : '';
  return `${f.file}: ${f.rows} row(s)${onLines}, ${f.kept} published${left}${how ? `; ${how}` : ''}`;
}

function printBuild(io: Io, r: BuildResult, json: boolean, tail: string): void {
  const errors = r.problems.filter((p) => p.severity === 'error').length;
  if (json) {
    io.out(JSON.stringify({ rows: r.rows, kept: r.kept, dropped: r.dropped, byPostcode: r.byPostcode, fixedHours: r.fixedHours, errors, warnings: r.problems.length - errors, files: r.files, placed: r.placed, problems: r.problems }, null, 2));
    return;
  }
  r.problems.forEach((p) => io.out(describe(p)));
  for (const p of r.placed) io.out(`placed   ${p.file}:${p.line}: "${p.id}" at ${p.place} (${p.from === 'gazetteer' ? 'the bundled gazetteer' : shown(p.from)}): marked "approximate"`);
  r.files.forEach((f) => io.out(fileLine(f)));
  const placed = r.byPostcode ? ` (${r.byPostcode} placed at their postcode, approximate)` : '';
  const fixed = r.fixedHours ? ` ${r.fixedHours} opening hours rewritten (--fix-hours).` : '';
  io.out(`${r.rows} row(s) read, ${r.kept} location(s) kept${placed}; ${errors} error(s), ${r.problems.length - errors} warning(s).${fixed} ${tail}`);
}

/** The files of a build, URLs fetched. */
async function prepareInputs(configPath: string, files: string[], sheet?: string): Promise<BuildInput[]> {
  const config = readConfig(configPath);
  const inputs = inputsOf(config, configPath, sheet ? files.map((file) => ({ file, sheet })) : files);
  for (const input of inputs) if (isUrl(input.file) && !input.bytes) input.bytes = await fetchInput(input.file);
  return inputs;
}

/** " Skipped: locations 3, campaigns 2.": per collection, as the widgets count them. */
function skippedBy(r: CheckReport): string {
  const parts = Object.entries(r.skippedBy).filter(([, n]) => n > 0);
  return parts.length ? ` Skipped: ${parts.map(([k, n]) => `${k} ${n}`).join(', ')}.` : '';
}

function printCheck(io: Io, r: CheckReport, json: boolean): void {
  const errors = r.problems.filter((p) => p.severity === 'error').length;
  if (json) {
    const { feed: _f, locations: _l, campaigns: _c, stats: _s, ...rest } = r;
    io.out(JSON.stringify({ ...rest, errors, warnings: r.problems.length - errors }, null, 2));
    return;
  }
  for (const p of r.problems) io.out(`${label(p.severity)}  ${p.file} ${p.path}: ${p.message}`);
  if (r.fatal) io.out(`fatal    ${r.fatal}`);
  const c = r.counts;
  io.out(r.fatal && !r.feed
    ? `${r.source}: the widgets cannot use this feed.`
    : `${r.source}: ${c.locations} location(s), ${c.campaigns} campaign(s), ${c.stats} stat(s); ${c.skipped} record(s) skipped, ${r.problems.length - errors} warning(s).${skippedBy(r)}${r.fatal ? ' A linked file cannot be used.' : ''}`);
}

/** A sheet that cannot be read or a config with mistakes: said, exit code 1. Anything else is a bug: thrown. */
function reportInputError(io: Io, e: unknown): 1 {
  if (e instanceof CsvError) {
    io.out(`error    ${e.message}`);
    return 1;
  }
  if (!(e instanceof ConfigError)) throw e;
  e.problems.forEach((p) => io.out(`error    ${e.file}: ${p}`));
  return 1;
}

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    (command ? io.out : io.err)(HELP.main);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    io.out(JSON.parse(readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../package.json'), 'utf8')).version);
    return 0;
  }
  if (!(command in HELP) || command === 'main') {
    io.err(`ess-feed: unknown command "${command}". Commands: init, build, check, stats, merge, serve, tile (ess-feed --help).`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' }, strict: { type: 'boolean' }, write: { type: 'boolean' },
        config: { type: 'string' }, out: { type: 'string' }, prefix: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' },
        'allow-skipped': { type: 'boolean' }, 'fix-hours': { type: 'boolean' }, input: { type: 'string', multiple: true },
        lang: { type: 'string' }, name: { type: 'string' }, sheet: { type: 'string' },
      },
    });
  } catch (e) {
    io.err(`ess-feed ${command}: ${(e as Error).message}\n\n${HELP[command]}`);
    return 2;
  }
  const { values: o, positionals } = parsed;
  if (o.help) {
    io.out(HELP[command]);
    return 0;
  }
  const misuse = (message: string) => {
    io.err(`ess-feed ${command}: ${message}\n\n${HELP[command]}`);
    return 2;
  };

  switch (command) {
    case 'init': {
      const lang = o.lang ?? 'fr';
      if (!(INIT_LANGS as readonly string[]).includes(lang)) return misuse(`--lang must be one of ${INIT_LANGS.join(', ')}, not "${lang}".`);
      const r = init(o.out ?? '.', lang as (typeof INIT_LANGS)[number], o.name);
      if (r.exists.length) {
        io.err(`ess-feed init: ${r.exists.join(', ')} already exist${r.exists.length > 1 ? '' : 's'}; nothing was written (choose another --out).`);
        return 1;
      }
      r.written.forEach((f) => io.out(`written  ${f}`));
      io.out(r.next);
      return 0;
    }
    case 'build': {
      if (!o.config) return misuse('give --config (ess-feed init writes one).');
      let r;
      try {
        const inputs = await prepareInputs(o.config, positionals, o.sheet);
        if (!inputs.length) return misuse('give at least one file (CSV, .xlsx, .ods or an https:// link), or list them in the config\'s "inputs".');
        r = buildToDir(o.config, inputs, o.out ?? '.', { strict: o.strict, allowSkipped: o['allow-skipped'], fixHours: o['fix-hours'] });
      } catch (e) {
        if (e instanceof ConfigError) {
          if (o.json) io.out(JSON.stringify({ fatal: e.message, problems: e.problems }, null, 2));
          else e.problems.forEach((p) => io.out(`error    ${e.file}: ${p}`));
          io.err('ess-feed build: the config has mistakes; nothing was written.');
          return 1;
        }
        io.err(`ess-feed build: ${(e as Error).message}; nothing was written.`);
        return 1;
      }
      const where = resolve(o.out ?? '.');
      const written = [resolve(where, 'feed.json'), resolve(where, 'locations.geojson'), ...(r.places.length ? [resolve(where, 'places.geojson')] : [])].map(shown);
      printBuild(io, r, !!o.json, r.written ? `Written: ${written.join(', ')}.` : `Nothing was written (${r.notWritten}).`);
      return r.written ? 0 : 1;
    }
    case 'check': {
      if (o.input?.length) {
        // The feed against the spreadsheet it was built from (check-input.ts).
        if (positionals.length !== 1) return misuse('give one feed file or URL with --input.');
        const configPath = o.config ?? 'ess-feed.config.json';
        let cmp;
        try {
          cmp = await compareWithInput(positionals[0], await prepareInputs(configPath, o.input, o.sheet), configPath);
        } catch (e) {
          return reportInputError(io, e);
        }
        printCheck(io, cmp.report, !!o.json);
        printComparison(io, cmp, !!o.json);
        return cmp.report.fatal || cmp.missing.length || (o.strict && (cmp.report.problems.length || cmp.extra.length)) ? 1 : 0;
      }
      if (o.config) {
        let listed = 0;
        try {
          listed = readConfig(o.config).inputs?.length ?? 0;
        } catch {
          // Reported below, with the config's mistakes.
        }
        if (!positionals.length && !listed) return misuse('give the files to check with --config (or list them in the config\'s "inputs").');
        let r;
        try {
          const config = readConfig(o.config);
          r = build(config, await prepareInputs(o.config, positionals, o.sheet), { configDir: dirname(o.config), strict: o.strict });
        } catch (e) {
          return reportInputError(io, e);
        }
        printBuild(io, r, !!o.json, r.fatal ? 'These files cannot be built.' : !r.kept ? 'No row can be used.' : r.dropped ? `${r.dropped} row(s) would be left out (check only, nothing written).` : 'Nothing was written (check only).');
        return r.fatal || !r.kept || (r.dropped && !o['allow-skipped']) || (o.strict && r.problems.length) ? 1 : 0;
      }
      if (positionals.length !== 1) return misuse('give one feed file or URL (or --config and CSV files).');
      if (/\.(csv|tsv|txt)$/i.test(positionals[0])) return misuse(`${positionals[0]} looks like a spreadsheet export; check it with its config: ess-feed check --config ess-feed.config.json ${positionals[0]}`);
      const r = await check(positionals[0]);
      printCheck(io, r, !!o.json);
      return r.fatal || (o.strict && r.problems.length) ? 1 : 0;
    }
    case 'stats': {
      if (positionals.length !== 1) return misuse('give one feed file or URL.');
      const source = positionals[0];
      const r = await check(source);
      if (!r.feed || !r.locations) {
        io.err(`ess-feed stats: ${r.fatal ?? 'the feed has no locations'}`);
        return 1;
      }
      const counts = countLocations(r.locations);
      io.out(o.json ? JSON.stringify(counts, null, 2) : formatTable(counts));
      if (!o.write) return 0;
      if (!toUrl(source).startsWith('file:')) {
        io.err('ess-feed stats --write: give a local file, not a URL.');
        return 2;
      }
      const date = today();
      const { records, skipped } = statsRecords(counts, date, r.feed);
      skipped.forEach((id) => io.err(`warning  stat id "${id}" is longer than 128 characters; it was left out`));
      const raw = JSON.parse(readFileSync(source, 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>;
      const replace = (list: unknown[]) => [...list.filter((s) => !OWNED.test(String((s as { id?: unknown })?.id ?? ''))), ...records];
      let target = source;
      if (raw.stats === undefined || Array.isArray(raw.stats)) {
        raw.stats = replace((raw.stats as unknown[] | undefined) ?? []);
        writeFilesAtomically([[source, `${JSON.stringify(raw, null, 2)}\n`]]);
      } else {
        const href = (raw.stats as { href?: unknown }).href;
        const url = typeof href === 'string' ? new URL(href, toUrl(source)) : undefined;
        if (!url || url.protocol !== 'file:') {
          io.err(`ess-feed stats --write: this feed's stats are at ${String(href)}, not a local file; nothing was written.`);
          return 1;
        }
        target = fileURLToPath(url);
        const list = JSON.parse(readFileSync(target, 'utf8').replace(/^\uFEFF/, ''));
        if (!Array.isArray(list)) {
          io.err(`ess-feed stats --write: ${target} is not a JSON list; nothing was written.`);
          return 1;
        }
        writeFilesAtomically([[target, `${JSON.stringify(replace(list), null, 2)}\n`]]);
      }
      io.out(`${records.length} stat(s) written to ${target} (as of ${date}).`);
      return 0;
    }
    case 'merge': {
      if (positionals.length < 2 || !o.out) return misuse('give at least two feeds and --out.');
      const reports = [];
      for (const p of positionals) reports.push(await check(p));
      for (const r of reports) {
        if (!r.feed || r.fatal) {
          io.err(`ess-feed merge: ${r.source}: ${r.fatal}; nothing was written.`);
          return 1;
        }
        if (r.counts.skipped) io.out(`warning  ${r.source}: ${r.counts.skipped} record(s) the widgets skip are left out (ess-feed check ${r.source} says which)`);
      }
      const prefixes = o.prefix ? o.prefix.split(',').map((s) => s.trim()) : reports.map((r) => slug(r.feed!.publisher.name || r.source));
      if (prefixes.length !== reports.length || prefixes.some((p) => !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(p))) {
        return misuse(`--prefix needs one namespace per feed (${reports.length}), letters, digits, . _ - only.`);
      }
      const m = merge(reports.map((r, i) => ({ feed: r.feed!, locations: r.locations ?? [], campaigns: r.campaigns, stats: r.stats, prefix: prefixes[i] })));
      m.conflicts.forEach((c) => io.out(`conflict ${c}`));
      const summary = `${reports.length} feeds: ${m.locations.features.length} location(s), ${m.conflicts.length} conflict(s).`;
      if (o.strict && m.conflicts.length) {
        io.out(`${summary} Nothing was written (--strict).`);
        return 1;
      }
      writeFilesAtomically([
        [resolve(o.out, 'locations.geojson'), featureLines(m.locations.features)],
        [resolve(o.out, 'feed.json'), `${JSON.stringify(m.feed, null, 2)}\n`],
      ]);
      io.out(`${summary} Written: ${resolve(o.out, 'feed.json')}, ${resolve(o.out, 'locations.geojson')}.`);
      return 0;
    }
    case 'tile': {
      if (positionals.length !== 1) return misuse('give the feed.json to tile.');
      if (/^https?:/i.test(positionals[0])) return misuse('give a local feed.json, not a URL: the files are written beside it.');
      const r = await tileFeed(positionals[0]);
      if (o.json) io.out(JSON.stringify(r, null, 2));
      else {
        r.problems.forEach((p) => io.out(p));
        io.out(r.written
          ? `${r.count} location(s) tiled in ${(r.ms / 1000).toFixed(1)} s: ${r.files} file(s), locations.fgb ${(r.bytes / 1048576).toFixed(1)} MB, locations.records ${(r.recordBytes / 1048576).toFixed(1)} MB. Written beside ${r.feed}; its "locations" now links locations.fgb.`
          : `Nothing was written (${r.reason}).`);
      }
      return r.written ? 0 : 1;
    }
    case 'serve': {
      const dir = positionals[0] ?? '.';
      const port = o.port === undefined ? 8080 : Number(o.port);
      if (!/^\d+$/.test(o.port ?? '0') || port > 65535) return misuse(`--port must be a number from 0 to 65535, not "${o.port}".`);
      let server;
      try {
        server = await startServer(dir, { port, host: o.host ?? '127.0.0.1' });
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        io.err(`ess-feed serve: ${err.code === 'EADDRINUSE' ? `port ${port} is in use; choose another with --port (0 picks a free one)` : err.message}`);
        return 1;
      }
      const addr = server.address() as { address: string; port: number };
      const host = addr.address.includes(':') ? `[${addr.address}]` : addr.address;
      io.out(`Serving ${resolve(dir)} at http://${host}:${addr.port}/ (gzip, ETag, CORS). Ctrl+C to stop.`);
      if (!['127.0.0.1', '::1', 'localhost'].includes(o.host ?? '127.0.0.1')) io.err(`warning  --host ${o.host}: other machines on the network can read these files.`);
      await new Promise<void>((done) => {
        const stop = () => server.close(() => done());
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      return 0;
    }
  }
  return 2;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
