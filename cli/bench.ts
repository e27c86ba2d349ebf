import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { checkExchange, EXCHANGE_CHECKS } from '../lib/checks';
import { HttpClient } from '../lib/http/client';
import type { Exchange } from '../lib/http/exchange';
import { fromRoot, reportsDir } from '../lib/paths';
import { allRunnables, runAll } from '../lib/scenario/collect';
import { loadProfile, REFERENCE_PROFILE_FILE } from '../lib/target/profile';
import { createTarget } from '../lib/target/target';
import { harBench } from '../lib/har/bench';
import { startServer } from '../server';

/**
 * `npm run bench`: how fast the suite checks a server, against the floor of raw HTTP with the same client.
 * Ratios, so a noisy machine matters less. Never part of `npm test`'s pass/fail.
 */
const PROPERTY_RUNS = Number(process.env.PROPERTY_RUNS ?? 25);
const CHECK_REPEATS = 20;
/** The README's figure for the requests of a full run against a live target (at 10/s it sets the nightly's length). */
const LIVE_REQUEST_LIMIT = 1500;

const ms = (start: number) => performance.now() - start;

/**
 * The suite's request phase in process: every scenario and property, every exchange recorded. Twice: the
 * first (cold) pass compiles validators and warms the JIT, the second shows the steady state.
 */
async function suitePhase(): Promise<{ coldMs: number; wallMs: number; exchanges: Exchange[] }> {
  const server = await startServer();
  try {
    const target = await createTarget({ baseUrl: server.url, profile: loadProfile(REFERENCE_PROFILE_FILE), embedded: true });
    const runnables = allRunnables({ seed: 42, numRuns: PROPERTY_RUNS });
    const cold = performance.now();
    await runAll(runnables, target);
    const coldMs = ms(cold);
    const exchanges: Exchange[] = [];
    target.http.onExchange((exchange) => exchanges.push(exchange));
    const started = performance.now();
    await runAll(runnables, target);
    return { coldMs, wallMs: ms(started), exchanges };
  } finally {
    await server.close();
  }
}

/**
 * A replay: the same requests, same client and keep-alive, sent one after another to a fresh server with no
 * checking. Not the floor of the target: a fresh server has another JWT secret and none of the run's sessions,
 * so about a third of the requests get an early 401/403 instead of the run's answer (counted as `differing`).
 */
async function replayPhase(exchanges: Exchange[]): Promise<{ ms: number; differing: number }> {
  const server = await startServer();
  try {
    const client = new HttpClient({ baseUrl: server.url });
    let differing = 0;
    const started = performance.now();
    for (const exchange of exchanges) {
      const { request } = exchange;
      const replayed = await client.send({ method: request.method, path: request.path, headers: request.headers, rawBody: request.body });
      if (replayed.response?.status !== exchange.response?.status) differing++;
    }
    return { ms: ms(started), differing };
  } finally {
    await server.close();
  }
}

/** µs per exchange for each check (applies + run), validators compiled once beforehand. */
async function checkCosts(exchanges: Exchange[]): Promise<Record<string, number>> {
  const { loadContract } = await import('../lib/spec/compiled');
  const contract = await loadContract();
  for (const exchange of exchanges) checkExchange(exchange, { contract }); // warm-up: compile every validator
  const costs: Record<string, number> = {};
  for (const check of EXCHANGE_CHECKS) {
    const started = performance.now();
    for (let i = 0; i < CHECK_REPEATS; i++) for (const exchange of exchanges) if (check.appliesTo(exchange, { contract })) check.run(exchange, { contract });
    costs[check.name] = Math.round((ms(started) * 1000) / (CHECK_REPEATS * exchanges.length) * 100) / 100;
  }
  // Not a check, but paid on every exchange of a run as the checks are: the keys of contract coverage.
  const { exchangeCoverage } = await import('../lib/report/coverage-record');
  const started = performance.now();
  for (let i = 0; i < CHECK_REPEATS; i++) for (const exchange of exchanges) exchangeCoverage(exchange, contract);
  costs['(contract coverage keys)'] = Math.round((ms(started) * 1000) / (CHECK_REPEATS * exchanges.length) * 100) / 100;
  return costs;
}

/** A `npm run conformance` as users start it, with the peak RSS of its whole process tree and what outlived it. */
interface CliRun {
  ms: number;
  code: number | null;
  stdout: string;
  peakRssMb: number;
  leftovers: number;
  requests?: number;
}

/** Every process below `root` (Linux /proc), with its resident memory in bytes. */
function processTree(root: number): Map<number, number> {
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      rss.set(Number(entry), Number(fields[21]) * 4096);
    } catch {
      // the process ended while we looked
    }
  }
  const tree = new Map<number, number>();
  const visit = (pid: number) => {
    tree.set(pid, rss.get(pid) ?? 0);
    for (const [child, parent] of parents) if (parent === pid && !tree.has(child)) visit(child);
  };
  if (rss.has(root)) visit(root);
  return tree;
}

/** Alive and not a zombie (an exited child that only waits to be reaped holds nothing). */
function isRunning(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** `npm run conformance` without npm: the node flags and script of package.json (npm itself is not measured). */
const CONFORMANCE_COMMAND = (JSON.parse(fs.readFileSync(fromRoot('package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.conformance.split(' ').slice(1);

function conformance(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [...CONFORMANCE_COMMAND, ...args], {
    cwd: fromRoot(),
    env: { ...process.env, CONSOLE_REPORTS_DIR: path.join(reportsDir(), 'bench-run'), FC_SEED: '42', PROPERTY_RUNS: String(PROPERTY_RUNS), ...env },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  let peak = 0;
  const seen = new Set<number>();
  const sampler = setInterval(() => {
    const tree = processTree(child.pid!);
    for (const pid of tree.keys()) seen.add(pid);
    peak = Math.max(peak, [...tree.values()].reduce((sum, bytes) => sum + bytes, 0));
  }, 100);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearInterval(sampler);
      const elapsed = Math.round(ms(started));
      // What outlived the run: a process of its tree that is still there once the command has ended.
      setTimeout(() => {
        const leftovers = [...seen].filter((pid) => pid !== child.pid && isRunning(pid)).length;
        const requests = /^(\d+) requests to the target$/m.exec(stdout)?.[1];
        resolve({ ms: elapsed, code, stdout, peakRssMb: Math.round(peak / 2 ** 20), leftovers, requests: requests === undefined ? undefined : Number(requests) });
      }, 300);
    });
  });
}

/** Answers everything with an HTML 500 and a stack trace, as a crashed framework does. */
function html500Server(): Promise<{ url: string; close: () => void }> {
  return listen(http.createServer((_request, response) => {
    response.writeHead(500, { 'content-type': 'text/html' });
    response.end(`<html><body><h1>Internal Server Error</h1><pre>Error: boom\n    at handler (/srv/app.js:42:13)\n</pre></body></html>`);
  }));
}

/** The reference server, except that every third request is redirected to itself. */
async function redirectEveryThird(upstream: string): Promise<{ url: string; close: () => void }> {
  const target = new URL(upstream);
  let count = 0;
  return listen(http.createServer((request, response) => {
    if (++count % 3 === 0) {
      response.writeHead(302, { location: request.url ?? '/' });
      response.end();
      return;
    }
    const forward = http.request({ host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    forward.on('error', () => response.destroy());
    request.pipe(forward);
  }));
}

function listen(server: http.Server): Promise<{ url: string; close: () => void }> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`, close: () => server.close() })));
}

/** From `npm run conformance` to the probe and to the first scenario request, seen by a TCP relay. */
async function startup(): Promise<{ toProbeMs: number; toFirstRequestMs: number }> {
  const server = await startServer();
  const upstream = new URL(server.url);
  const connections: number[] = [];
  const relay = net.createServer((socket) => {
    connections.push(performance.now());
    const out = net.connect(Number(upstream.port), upstream.hostname);
    socket.pipe(out).pipe(socket);
    socket.on('error', () => out.destroy());
    out.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const { port } = relay.address() as net.AddressInfo;
  const started = performance.now();
  await conformance(['--target', `http://127.0.0.1:${port}`, '--profile', REFERENCE_PROFILE_FILE, '--only', 'get-api-v2-products']);
  relay.close();
  await server.close();
  // The probe opens three connections at once; the first scenario request comes on a later one.
  return { toProbeMs: Math.round(connections[0] - started), toFirstRequestMs: Math.round((connections[3] ?? connections.at(-1)!) - started) };
}

/** Against a server of our own choosing, as a live target (loopback: no rate limit). */
async function againstServer(url: string, extra: string[] = []): Promise<CliRun> {
  return conformance(['--target', url, '--profile', REFERENCE_PROFILE_FILE, '--retries', '0', ...extra]);
}

interface BenchTarget {
  name: string;
  figure: number;
  limit: number;
  unit: string;
  /** The limit is a minimum (throughput), not a maximum. */
  atLeast?: boolean;
}

async function main(): Promise<void> {
  const suite = await suitePhase();
  const replay = await replayPhase(suite.exchanges);
  const checks = await checkCosts(suite.exchanges);
  const httpMs = suite.exchanges.reduce((sum, exchange) => sum + (exchange.response?.durationMs ?? 0), 0);
  const start = await startup();

  // Cold: the transform, contract and test-index caches of this checkout and tsx's removed or bypassed.
  fs.rmSync(fromRoot('node_modules', '.cache'), { recursive: true, force: true });
  const cold = await conformance([], { TSX_DISABLE_CACHE: '1' });
  const warm = [await conformance([]), await conformance([])];
  const warmMs = Math.min(...warm.map((run) => run.ms));
  const byId = await conformance(['--only', 'get-api-v2-products › 200 › store_id filters the listing to that store']);
  const byOperation = await conformance(['--only', 'get-api-v2-products']);
  const byTag = await conformance(['--only', 'Device']);

  const clean = await startServer();
  const failing = await startServer({ fault: 'errors-no-reason' });
  const html = await html500Server();
  const redirecting = await redirectEveryThird(clean.url);
  const live = await againstServer(clean.url);
  const broken = await againstServer(failing.url);
  const html500 = await againstServer(html.url);
  const redirects = await againstServer(redirecting.url);
  // The request count of a live run at its default rate limit: the same requests, only slower.
  const liveRequests = live.requests ?? 0;
  for (const server of [html, redirecting]) server.close();
  await clean.close();
  await failing.close();

  const har = await harBench(suite.exchanges);
  const runs = { cold, warm: warm[0], byId, byOperation, byTag, live, broken, html500, redirects };
  const targets: BenchTarget[] = [
    { name: 'full run, warm (embedded server)', figure: warmMs, limit: 8000, unit: 'ms' },
    { name: 'full run, cold (caches removed)', figure: cold.ms, limit: 12000, unit: 'ms' },
    { name: 'one test by id', figure: byId.ms, limit: 3000, unit: 'ms' },
    { name: 'one operation', figure: byOperation.ms, limit: 3000, unit: 'ms' },
    { name: 'one tag (Device)', figure: byTag.ms, limit: 5000, unit: 'ms' },
    { name: 'request phase / its own HTTP time (raw-HTTP floor)', figure: Math.round((suite.wallMs / httpMs) * 100) / 100, limit: 1.3, unit: '×' },
    { name: 'failing server (errors-no-reason) / correct one', figure: Math.round((broken.ms / live.ms) * 100) / 100, limit: 2, unit: '×' },
    { name: 'all-HTML-500 server / correct one', figure: Math.round((html500.ms / live.ms) * 100) / 100, limit: 2, unit: '×' },
    { name: 'redirect-to-self every 3rd / correct one', figure: Math.round((redirects.ms / live.ms) * 100) / 100, limit: 2, unit: '×' },
    { name: 'processes left after the runs', figure: Object.values(runs).reduce((sum, run) => sum + run.leftovers, 0), limit: 0, unit: '' },
    { name: 'requests of a full run against a live target', figure: liveRequests, limit: LIVE_REQUEST_LIMIT, unit: '' },
    { name: 'peak RSS of the process tree (full run)', figure: Math.max(warm[0].peakRssMb, warm[1].peakRssMb), limit: 400, unit: 'MB' },
    { name: 'HAR checking throughput', figure: har.harExchangesPerSecond, limit: 5000, unit: '/s', atLeast: true },
    { name: 'proxy added latency, median', figure: har.proxyAddedLatencyMs.median, limit: 2, unit: 'ms' },
  ];
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version, loadAverage: (await import('node:os')).loadavg().map((load) => Math.round(load * 100) / 100) },
    propertyRuns: PROPERTY_RUNS,
    exchanges: suite.exchanges.length,
    requestPhase: {
      coldSuiteMs: Math.round(suite.coldMs),
      suiteMs: Math.round(suite.wallMs),
      // The floor: the same run's own time inside its HTTP exchanges, on the very same server state and answers.
      suiteHttpMs: Math.round(httpMs),
      inRunRatio: Math.round((suite.wallMs / httpMs) * 100) / 100,
      replayMs: Math.round(replay.ms),
      replayRatio: Math.round((suite.wallMs / replay.ms) * 100) / 100,
      replayDifferingAnswers: replay.differing,
      exchangesPerSecond: Math.round(suite.exchanges.length / (suite.wallMs / 1000)),
    },
    checkMicrosecondsPerExchange: checks,
    recordedTraffic: har,
    startup: start,
    runs: Object.fromEntries(Object.entries(runs).map(([name, run]) => [name, { ms: run.ms, code: run.code, peakRssMb: run.peakRssMb, leftovers: run.leftovers, requests: run.requests }])),
    targets: targets.map((target) => ({ ...target, met: target.atLeast ? target.figure >= target.limit : target.figure <= target.limit })),
  };
  fs.mkdirSync(reportsDir(), { recursive: true });
  fs.writeFileSync(path.join(reportsDir(), 'bench.json'), JSON.stringify(result, null, 2));
  console.log(`exchanges                        ${result.exchanges}`);
  console.log(`request phase, first (cold) pass ${result.requestPhase.coldSuiteMs} ms`);
  console.log(`request phase (suite / its HTTP) ${result.requestPhase.suiteMs} ms / ${result.requestPhase.suiteHttpMs} ms = ${result.requestPhase.inRunRatio}× (${result.requestPhase.exchangesPerSecond} exchanges/s)`);
  console.log(`request phase (suite / a replay) ${result.requestPhase.suiteMs} ms / ${result.requestPhase.replayMs} ms = ${result.requestPhase.replayRatio}× (${replay.differing} of ${result.exchanges} replayed requests answered otherwise)`);
  console.log(`start-up to probe / 1st request  ${start.toProbeMs} ms / ${start.toFirstRequestMs} ms`);
  console.log('check cost, µs per exchange:');
  for (const [name, us] of Object.entries(checks)) console.log(`  ${name.padEnd(30)} ${us}`);
  console.log(`runs (ms, exit code, peak RSS): ${Object.entries(runs).map(([name, run]) => `${name} ${run.ms} ms/${run.code}/${run.peakRssMb} MB`).join(', ')}`);
  console.log(`targets (machine load ${result.machine.loadAverage.join(' ')}; timings on a shared machine are noisy):`);
  for (const target of result.targets) console.log(`  ${target.met ? 'ok  ' : 'MISS'} ${target.name.padEnd(48)} ${String(target.figure).padStart(6)} ${target.unit.padEnd(2)} (${target.atLeast ? 'at least' : 'limit'} ${target.limit})`);
  console.log(`HAR checking / ${har.largeHar.megabytes} MB HAR  ${har.harExchangesPerSecond} exchanges/s / ${har.largeHar.seconds} s, peak RSS ${har.largeHar.maxRssMegabytes} MB (128 MB heap)`);
  console.log(`proxy added latency median / p95 ${har.proxyAddedLatencyMs.median} ms / ${har.proxyAddedLatencyMs.p95} ms`);
  console.log(`written to ${path.join(reportsDir(), 'bench.json')}`);
}

main().catch((error: Error) => {
  console.error(`bench: ${error.message}`);
  process.exit(2);
});
