/**
 * ess-feed — build, check, count, merge and serve ESS Widgets feeds.
 * Every command prints what it did and what is wrong, precisely; exit status
 * 0 on success, 1 on a problem the command was asked to fail on, 2 on misuse.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildToDir, type BuildProblem } from './build.js';
import { check } from './check.js';
import { countLocations, formatTable, statsRecords } from './stats.js';
import { merge, slug } from './merge.js';
import { startServer } from './serve.js';
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
  check   validate a feed (file or URL) as the widgets will
  stats   the counts the sector counter derives (by category, material, region, organization)
  merge   one feed from several publishers
  serve   a local server to try the elements against a local feed

Run "ess-feed <command> --help" for a command's options. Docs: docs/feed-cli.md`,
  build: `Usage: ess-feed build --config ess-feed.config.json [--out DIR] data.csv [more.csv …]

Reads CSV exports (comma or semicolon, UTF-8 with or without BOM, Excel quoting,
line breaks inside cells, decimal commas in coordinates) and writes DIR/feed.json
and DIR/locations.geojson (sorted, same bytes for the same input, written
atomically). Every problem is reported with its CSV line and column; rows with
errors are left out, the others are kept.

Options:
  --config FILE   the config: publisher, languages, categories, column mapping (required)
  --out DIR       where to write (default: the current folder)
  --json          problems as JSON
  --strict        exit 1 when any row has a problem (default: only when nothing could be built)`,
  check: `Usage: ess-feed check <feed.json | https://…/feed.json> [--json] [--strict]

Validates the feed and the files it links to ("href") with the widgets' own
validator; prints each problem with its file and JSON path, then a summary.

Exit status: 1 when the feed cannot be used at all (or, with --strict, on any
problem); 0 otherwise.`,
  stats: `Usage: ess-feed stats <feed.json> [--json] [--write]

Counts locations by category, material, region and organization, as the sector
counter's count="locations" does. --write adds one stat per category (and the
total) to the feed's "stats", dated today (the feed must keep stats inline).`,
  merge: `Usage: ess-feed merge a.json b.json [… ] --out DIR [--prefix a,b]

Merges several publishers' feeds into DIR/feed.json and DIR/locations.geojson.
Location and organization ids get a namespace per publisher (default: the
publisher's name as a slug, or --prefix); categories, materials and labels are
reconciled by id; every conflict is reported (exit 1 with --strict).`,
  serve: `Usage: ess-feed serve [DIR] [--port 8080] [--host 127.0.0.1]

Serves DIR (default: the current folder) with gzip, ETag/304 and CORS headers,
on the loopback interface unless --host says otherwise.`,
};

const stdio: Io = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

function describe(p: BuildProblem): string {
  return `${p.severity === 'error' ? 'error' : 'warning'}  ${p.where}: ${p.message}`;
}

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(HELP.main);
    return command ? 0 : 2;
  }
  if (command === '--version') {
    io.out(JSON.parse(readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../package.json'), 'utf8')).version);
    return 0;
  }
  if (!(command in HELP) || command === 'main') {
    io.err(`ess-feed: unknown command "${command}". Commands: build, check, stats, merge, serve.`);
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

  switch (command) {
    case 'build': {
      if (!o.config || !positionals.length) {
        io.err(`ess-feed build: give --config and at least one CSV file.\n\n${HELP.build}`);
        return 2;
      }
      let result;
      try {
        result = buildToDir(o.config, positionals, o.out ?? '.');
      } catch (e) {
        io.err(`ess-feed build: ${(e as Error).message} — nothing was written.`);
        return 1;
      }
      if (o.json) io.out(JSON.stringify({ rows: result.rows, kept: result.kept, problems: result.problems }, null, 2));
      else {
        result.problems.forEach((p) => io.out(describe(p)));
        const errors = result.problems.filter((p) => p.severity === 'error').length;
        io.out(`${result.rows} row(s) read, ${result.kept} location(s) written to ${resolve(o.out ?? '.', 'locations.geojson')}; ${errors} error(s), ${result.problems.length - errors} warning(s).`);
      }
      if (result.problems.some((p) => p.code === 'missing-column')) return 1;
      return result.kept === 0 || (o.strict && result.problems.length) ? 1 : 0;
    }
    case 'check': {
      if (positionals.length !== 1) {
        io.err(`ess-feed check: give one feed file or URL.\n\n${HELP.check}`);
        return 2;
      }
      const r = await check(positionals[0]);
      if (o.json) {
        const { feed: _f, locations: _l, ...rest } = r;
        io.out(JSON.stringify(rest, null, 2));
      } else {
        for (const p of r.problems) io.out(`${p.severity === 'error' ? 'error' : 'warning'}  ${p.file} ${p.path}: ${p.message}`);
        if (r.fatal) io.out(`fatal  ${r.fatal}`);
        const errors = r.problems.filter((p) => p.severity === 'error').length;
        io.out(r.fatal
          ? `${r.source}: cannot be used by the widgets.`
          : `${r.source}: ${r.counts.locations} location(s), ${r.counts.campaigns} campaign(s), ${r.counts.stats} stat(s); ${errors} record(s) skipped, ${r.problems.length - errors} warning(s).`);
      }
      return r.fatal || (o.strict && r.problems.length) ? 1 : 0;
    }
    case 'stats': {
      if (positionals.length !== 1) {
        io.err(`ess-feed stats: give one feed file.\n\n${HELP.stats}`);
        return 2;
      }
      const r = await check(positionals[0]);
      if (r.fatal || !r.locations || !r.feed) {
        io.err(`ess-feed stats: ${r.fatal ?? 'no locations'}`);
        return 1;
      }
      const counts = countLocations(r.locations);
      io.out(o.json ? JSON.stringify(counts, null, 2) : formatTable(counts));
      if (o.write) {
        if (/^https?:/.test(positionals[0])) {
          io.err('ess-feed stats --write: give a local file, not a URL.');
          return 2;
        }
        const raw = JSON.parse(readFileSync(positionals[0], 'utf8'));
        if (raw.stats !== undefined && !Array.isArray(raw.stats)) {
          io.err('ess-feed stats --write: this feed keeps its stats in another file; write them there.');
          return 1;
        }
        const today = new Date().toISOString().slice(0, 10);
        const fresh = statsRecords(counts, today, new Map(r.feed.categories.map((c) => [c.id, c.label])));
        const ids = new Set(fresh.map((s) => s.id));
        raw.stats = [...(raw.stats ?? []).filter((s: { id?: string }) => !ids.has(s.id ?? '')), ...fresh];
        writeFilesAtomically([[positionals[0], `${JSON.stringify(raw, null, 2)}\n`]]);
        io.out(`${fresh.length} stat(s) written to ${positionals[0]} (as of ${today}).`);
      }
      return 0;
    }
    case 'merge': {
      if (positionals.length < 2 || !o.out) {
        io.err(`ess-feed merge: give at least two feeds and --out.\n\n${HELP.merge}`);
        return 2;
      }
      const reports = await Promise.all(positionals.map((p) => check(p)));
      const broken = reports.find((r) => r.fatal || !r.feed);
      if (broken) {
        io.err(`ess-feed merge: ${broken.source}: ${broken.fatal}`);
        return 1;
      }
      const prefixes = o.prefix?.split(',') ?? reports.map((r) => slug(r.feed!.publisher.name || r.source));
      const m = merge(reports.map((r, i) => ({ feed: r.feed!, locations: r.locations ?? [], prefix: prefixes[i] ?? `feed${i + 1}` })));
      writeFilesAtomically([
        [resolve(o.out, 'feed.json'), `${JSON.stringify(m.feed, null, 2)}\n`],
        [resolve(o.out, 'locations.geojson'), `{"type":"FeatureCollection","features":[\n${m.locations.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`],
      ]);
      m.conflicts.forEach((c) => io.out(`conflict  ${c}`));
      io.out(`${positionals.length} feeds merged into ${resolve(o.out, 'feed.json')}: ${m.locations.features.length} location(s), ${m.conflicts.length} conflict(s).`);
      return o.strict && m.conflicts.length ? 1 : 0;
    }
    case 'serve': {
      const dir = positionals[0] ?? '.';
      const port = o.port ? Number(o.port) : 8080;
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        io.err(`ess-feed serve: --port must be a number from 0 to 65535, not "${o.port}".`);
        return 2;
      }
      const server = await startServer(dir, { port, host: o.host ?? '127.0.0.1' });
      const addr = server.address() as { address: string; port: number };
      io.out(`Serving ${resolve(dir)} at http://${addr.address}:${addr.port}/ (gzip, ETag, CORS). Ctrl+C to stop.`);
      await new Promise(() => undefined);
      return 0;
    }
  }
  return 2;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
