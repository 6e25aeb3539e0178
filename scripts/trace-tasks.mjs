// What fills a page's long tasks, from Chromium's own tracing and CPU profiler, with no DevTools
// client attached to the page (a client enables the Network domain, which keeps a copy of every
// body on the page's main thread: tasks a visitor never has). The trace is started on the
// browser's target, then the page is opened as a new target. Used by longtask-feed.mjs --profile.
// Tracing slows the page: the durations are larger than without it; the attribution is the point.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import WebSocket from 'ws';
import { CHROME_ARGS, findChrome } from './find-chrome.mjs';

const CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler'];

/** Opens `url` in a fresh headless Chromium, traces until `until` resolves; returns the page's long tasks with their heaviest functions. */
export async function traceTasks(url, until, { over = 50, top = 4 } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'trace-'));
  const chrome = spawn(findChrome(), [...CHROME_ARGS, '--headless=new', `--user-data-dir=${profile}`, '--window-size=1280,900', '--remote-debugging-port=0', 'about:blank'], { stdio: 'ignore' });
  try {
    const portFile = join(profile, 'DevToolsActivePort');
    for (let i = 0; i < 100 && !existsSync(portFile); i++) await new Promise((ok) => setTimeout(ok, 100));
    const [port, path] = readFileSync(portFile, 'utf8').trim().split('\n');
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`);
    await new Promise((ok, ko) => (ws.on('open', ok), ws.on('error', ko)));
    let id = 0;
    const waiting = new Map();
    let complete;
    const completed = new Promise((ok) => (complete = ok));
    ws.on('message', (m) => {
      const d = JSON.parse(m);
      if (d.id && waiting.has(d.id)) waiting.get(d.id)(d.result);
      else if (d.method === 'Tracing.tracingComplete') complete(d.params.stream);
    });
    const send = (method, params = {}) => new Promise((ok) => { const i = ++id; waiting.set(i, ok); ws.send(JSON.stringify({ id: i, method, params })); });
    await send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReturnAsStream' });
    await send('Target.createTarget', { url });
    await until;
    await send('Tracing.end');
    const stream = await completed;
    let text = '';
    for (;;) {
      const r = await send('IO.read', { handle: stream, size: 1 << 22 });
      text += r.base64Encoded ? Buffer.from(r.data, 'base64').toString() : r.data;
      if (r.eof) break;
    }
    ws.close();
    return attribute(JSON.parse(text).traceEvents, url, over, top);
  } finally {
    chrome.kill();
  }
}

/** Each main-thread task over `over` ms of the page's renderer, with the `top` functions that ran longest in it (self time). */
function attribute(events, url, over, top) {
  const page = events.find((e) => JSON.stringify(e.args ?? {}).includes(url))?.pid;
  const main = events.find((e) => e.pid === page && e.name === 'thread_name' && e.args.name === 'CrRendererMain')?.tid;
  const started = events.find((e) => e.pid === page && e.tid === main && e.name === 'Profile');
  const nodes = new Map();
  const samples = [];
  let t = started?.args.data.startTime ?? 0;
  for (const e of events) {
    if (e.pid !== page || e.name !== 'ProfileChunk' || e.id !== started?.id) continue;
    const d = e.args.data;
    for (const n of d.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    (d.cpuProfile?.samples ?? []).forEach((s, i) => samples.push([(t += d.timeDeltas[i]), s]));
  }
  const name = ({ callFrame: f }) => `${f.functionName || '(anonymous)'}${f.url ? ` ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}` : ''}`;
  return events
    .filter((e) => e.pid === page && e.tid === main && e.ph === 'X' && e.name === 'RunTask' && e.dur > over * 1000)
    .map((task) => {
      const inside = samples.filter(([at]) => at >= task.ts && at <= task.ts + task.dur);
      const by = new Map();
      // A sample stands for the time to the next one: about the profiler's interval.
      const step = inside.length > 1 ? (inside.at(-1)[0] - inside[0][0]) / (inside.length - 1) / 1000 : 0;
      for (const [, s] of inside) { const k = name(nodes.get(s)); by.set(k, (by.get(k) ?? 0) + step); }
      return { ms: Math.round(task.dur / 1000), top: [...by].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, ms]) => `${k} ${Math.round(ms)} ms`) };
    });
}
