import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { checkExchange, EXCHANGE_CHECKS } from '../lib/checks';
import { HttpClient } from '../lib/http/client';
import type { Exchange } from '../lib/http/exchange';
import { fromRoot, reportsDir } from '../lib/paths';
import { allRunnables, runAll } from '../lib/scenario/collect';
import { loadProfile, REFERENCE_PROFILE_FILE } from '../lib/target/profile';
import { createTarget } from '../lib/target/target';
import { startServer } from '../server';

/**
 * `npm run bench`: how fast the suite checks a server, against the floor of raw HTTP with the same client.
 * Ratios, so a noisy machine matters less. Never part of `npm test`'s pass/fail.
 */
const PROPERTY_RUNS = Number(process.env.PROPERTY_RUNS ?? 25);
const CHECK_REPEATS = 20;

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

/** The floor: the same requests, same client and keep-alive, sent one after another with no checking. */
async function floorPhase(exchanges: Exchange[]): Promise<number> {
  const server = await startServer();
  try {
    const client = new HttpClient({ baseUrl: server.url });
    const started = performance.now();
    for (const { request } of exchanges) {
      await client.send({ method: request.method, path: request.path, headers: request.headers, rawBody: request.body });
    }
    return ms(started);
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
  return costs;
}

/** From `npm run conformance` to the probe and to the first scenario request, seen by a TCP relay. */
async function startup(): Promise<{ toProbeMs: number; toFirstRequestMs: number; totalMs: number }> {
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
  await new Promise<void>((resolve) => {
    const child = spawn(process.execPath, [fromRoot('node_modules', 'tsx', 'dist', 'cli.mjs'), fromRoot('cli', 'conformance.ts'), '--target', `http://127.0.0.1:${port}`, '--profile', REFERENCE_PROFILE_FILE, '--only', 'get-api-v2-products'], {
      cwd: fromRoot(),
      env: { ...process.env, CONSOLE_REPORTS_DIR: path.join(reportsDir(), 'bench-run'), CONSOLE_RATE_LIMIT: '0' },
      stdio: 'ignore',
    });
    child.on('close', () => resolve());
  });
  const totalMs = ms(started);
  relay.close();
  await server.close();
  return { toProbeMs: Math.round(connections[0] - started), toFirstRequestMs: Math.round(connections[1] - started), totalMs: Math.round(totalMs) };
}

/** The whole conformance run as users start it, embedded server included. */
async function wholeRun(): Promise<number> {
  const started = performance.now();
  await new Promise<void>((resolve) => {
    const child = spawn(process.execPath, [fromRoot('node_modules', 'tsx', 'dist', 'cli.mjs'), fromRoot('cli', 'conformance.ts')], {
      cwd: fromRoot(),
      env: { ...process.env, CONSOLE_REPORTS_DIR: path.join(reportsDir(), 'bench-run'), FC_SEED: '42', PROPERTY_RUNS: String(PROPERTY_RUNS) },
      stdio: 'ignore',
    });
    child.on('close', () => resolve());
  });
  return Math.round(ms(started));
}

async function main(): Promise<void> {
  const suite = await suitePhase();
  const floorMs = await floorPhase(suite.exchanges);
  const checks = await checkCosts(suite.exchanges);
  const httpMs = suite.exchanges.reduce((sum, exchange) => sum + (exchange.response?.durationMs ?? 0), 0);
  const start = await startup();
  const wholeRunMs = await wholeRun();
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    propertyRuns: PROPERTY_RUNS,
    exchanges: suite.exchanges.length,
    requestPhase: {
      coldSuiteMs: Math.round(suite.coldMs),
      suiteMs: Math.round(suite.wallMs),
      floorMs: Math.round(floorMs),
      overheadRatio: Math.round((suite.wallMs / floorMs) * 100) / 100,
      // The same run's own time inside HTTP exchanges: a floor measured on the very same server state.
      suiteHttpMs: Math.round(httpMs),
      inRunRatio: Math.round((suite.wallMs / httpMs) * 100) / 100,
      exchangesPerSecond: Math.round(suite.exchanges.length / (suite.wallMs / 1000)),
    },
    checkMicrosecondsPerExchange: checks,
    startup: start,
    wholeRunMs,
  };
  fs.mkdirSync(reportsDir(), { recursive: true });
  fs.writeFileSync(path.join(reportsDir(), 'bench.json'), JSON.stringify(result, null, 2));
  console.log(`exchanges                        ${result.exchanges}`);
  console.log(`request phase, first (cold) pass ${result.requestPhase.coldSuiteMs} ms`);
  console.log(`request phase (suite / floor)    ${result.requestPhase.suiteMs} ms / ${result.requestPhase.floorMs} ms = ${result.requestPhase.overheadRatio}× (${result.requestPhase.exchangesPerSecond} exchanges/s)`);
  console.log(`request phase (suite / its HTTP) ${result.requestPhase.suiteMs} ms / ${result.requestPhase.suiteHttpMs} ms = ${result.requestPhase.inRunRatio}×`);
  console.log(`whole run (npm run conformance)  ${wholeRunMs} ms`);
  console.log(`start-up to probe / 1st request  ${start.toProbeMs} ms / ${start.toFirstRequestMs} ms`);
  console.log('check cost, µs per exchange:');
  for (const [name, us] of Object.entries(checks)) console.log(`  ${name.padEnd(30)} ${us}`);
  console.log(`written to ${path.join(reportsDir(), 'bench.json')}`);
}

main().catch((error: Error) => {
  console.error(`bench: ${error.message}`);
  process.exit(2);
});
