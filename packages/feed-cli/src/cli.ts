/**
 * ess-feed — build, check, count, merge and serve ESS Widgets feeds.
 * Every command prints what it did and what is wrong, precisely; exit status
 * 0 on success, 1 on a problem the command was asked to fail on, 2 on misuse.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, buildToDir, featureLines, type BuildProblem, type BuildResult } from './build.js';
import { check, toUrl, type CheckReport } from './check.js';
import { ConfigError, readConfig } from './config.js';
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
  build   CSV exports + a config → feed.json and locations.geojson
  check   validate a feed (file or URL), or CSV files with their config, as the widgets will
  stats   the counts the sector counter derives (by category, material, region, organization, label)
  merge   one feed from several publishers
  serve   a local server to try the elements against a local feed
  tile    the range-readable form of a large directory (FlatGeobuf + indexes)

Run "ess-feed <command> --help" for a command's options. Docs: docs/feed-cli.md`,
  build: `Usage: ess-feed build --config ess-feed.config.json [--out DIR] data.csv [more.csv …]

Reads CSV exports (comma, semicolon or tab; UTF-8 with or without BOM; Excel
quoting; line breaks inside cells; decimal commas in coordinates) and writes
DIR/locations.geojson and DIR/feed.json: sorted, the same bytes for the same
input, written atomically (temporary files, then renamed).

Every problem is printed with its file, line and column. Rows with errors are
left out and the others written. Nothing is written (the previous feed stays as
it was) when the config or a file cannot be used, when no row can be used, or
with --strict when there is any problem.

Options:
  --config FILE   the config: publisher, languages, categories, column mapping (required)
  --out DIR       where to write (default: the current folder)
  --json          the report as JSON, for machines
  --strict        write nothing and exit 1 on any problem, warnings included

Exit status: 0 written, 1 nothing written, 2 misuse.`,
  check: `Usage: ess-feed check <feed.json | https://…/feed.json> [--json] [--strict]
       ess-feed check --config ess-feed.config.json data.csv [more.csv …] [--json] [--strict]

Validates the feed and the files it links to ("href") with the widgets' own
validator and prints each problem with its file and JSON path, then a summary.
Over http(s), also says when the server sends no CORS header.
With --config, checks CSV files as "build" would read them, writing nothing:
each problem with its line and column.

Options:
  --json     the report as JSON, for machines
  --strict   exit 1 on any problem, warnings included

Exit status: 1 when the feed cannot be used at all (unreachable, not JSON, wrong
shape; for CSV: a file or the config cannot be used, or no row can) or, with
--strict, on any problem; 0 otherwise; 2 misuse.`,
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

function printBuild(io: Io, r: BuildResult, json: boolean, tail: string): void {
  const errors = r.problems.filter((p) => p.severity === 'error').length;
  if (json) {
    io.out(JSON.stringify({ rows: r.rows, kept: r.kept, byPostcode: r.byPostcode, errors, warnings: r.problems.length - errors, problems: r.problems }, null, 2));
    return;
  }
  r.problems.forEach((p) => io.out(describe(p)));
  const placed = r.byPostcode ? ` (${r.byPostcode} placed at their postcode from the gazetteer)` : '';
  io.out(`${r.rows} row(s) read, ${r.kept} location(s) kept${placed}; ${errors} error(s), ${r.problems.length - errors} warning(s). ${tail}`);
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
    : `${r.source}: ${c.locations} location(s), ${c.campaigns} campaign(s), ${c.stats} stat(s); ${c.skipped} record(s) skipped, ${r.problems.length - errors} warning(s).${r.fatal ? ' A linked file cannot be used.' : ''}`);
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
    io.err(`ess-feed: unknown command "${command}". Commands: build, check, stats, merge, serve, tile (ess-feed --help).`);
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
    case 'build': {
      if (!o.config || !positionals.length) return misuse('give --config and at least one CSV file.');
      let r;
      try {
        r = buildToDir(o.config, positionals, o.out ?? '.', { strict: o.strict });
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
      printBuild(io, r, !!o.json, r.written ? `Written: ${resolve(where, 'feed.json')}, ${resolve(where, 'locations.geojson')}.` : `Nothing was written (${r.notWritten}).`);
      return r.written ? 0 : 1;
    }
    case 'check': {
      if (o.config) {
        if (!positionals.length) return misuse('give the CSV files to check with --config.');
        let r;
        try {
          r = build(readConfig(o.config), positionals, { configDir: dirname(o.config) });
        } catch (e) {
          if (!(e instanceof ConfigError)) throw e;
          e.problems.forEach((p) => io.out(`error    ${e.file}: ${p}`));
          return 1;
        }
        printBuild(io, r, !!o.json, r.fatal ? 'These files cannot be built.' : r.kept ? 'Nothing was written (check only).' : 'No row can be used.');
        return r.fatal || !r.kept || (o.strict && r.problems.length) ? 1 : 0;
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
          ? `${r.count} location(s) tiled in ${(r.ms / 1000).toFixed(1)} s: ${r.files} file(s), locations.fgb ${(r.bytes / 1048576).toFixed(1)} MB. Written beside ${r.feed}; its "locations" now links locations.fgb.`
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
