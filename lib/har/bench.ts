import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Exchange } from '../http/exchange';
import { fromRoot } from '../paths';
import { loadContract } from '../spec/compiled';
import { startServer } from '../../server';
import { exchangeToEntry } from './entry';
import { startProxy } from './proxy';
import { HarWriter } from './record';
import { checkHarFile } from './run';
import { TrafficCheck } from './traffic';

/** `npm run bench`'s figures of recorded traffic: HAR checking throughput, memory for a large HAR, the proxy's added latency. */
export interface HarBench {
  harExchangesPerSecond: number;
  largeHar: { megabytes: number; entries: number; seconds: number; maxRssMegabytes: number };
  proxyAddedLatencyMs: { median: number; p95: number };
}

const quantile = (values: number[], q: number): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];
const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** A HAR of the suite's own exchanges, repeated until it holds `entries` entries or `bytes` bytes. */
function writeHar(file: string, exchanges: Exchange[], until: { entries?: number; bytes?: number }): number {
  const lines = exchanges.map((exchange) => JSON.stringify(exchangeToEntry(exchange, new Date())));
  const writer = new HarWriter(file);
  let count = 0;
  let bytes = 0;
  while ((until.entries === undefined || count < until.entries) && (until.bytes === undefined || bytes < until.bytes)) {
    const line = lines[count % lines.length];
    writer.add(line);
    bytes += line.length + 2;
    count++;
  }
  writer.close();
  return count;
}

async function throughput(file: string): Promise<number> {
  const traffic = new TrafficCheck(await loadContract());
  await checkHarFile(file, traffic); // warm-up: validators compiled, JIT warm
  const measured = new TrafficCheck(traffic.contract);
  const started = performance.now();
  const entries = await checkHarFile(file, measured);
  return Math.round(entries / ((performance.now() - started) / 1000));
}

/** The large HAR checked in a process of its own with a 128 MB heap: it completes only if memory stays bounded, and its peak is the reader's and checker's alone. */
function largeHar(file: string): HarBench['largeHar'] {
  const child = spawnSync(process.execPath, ['--max-old-space-size=128', '--import', 'tsx', __filename, '--measure', file], { cwd: fromRoot(), encoding: 'utf8' });
  const measured = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { entries: number; seconds: number; maxRssMegabytes: number };
  return { megabytes: Math.round(fs.statSync(file).size / 1e6), ...measured };
}

function get(url: string, agent: http.Agent): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http.get(url, { agent }, (response) => {
      response.resume();
      response.on('end', () => resolve(performance.now() - started));
    }).on('error', reject);
  });
}

/** The same GETs, alternately straight to the server and through the proxy (which checks each one). */
async function proxyLatency(requests: number): Promise<HarBench['proxyAddedLatencyMs']> {
  const server = await startServer();
  const proxy = await startProxy({ target: server.url, contract: await loadContract(), onFinding: () => undefined });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const direct: number[] = [];
  const proxied: number[] = [];
  try {
    for (let i = 0; i < requests; i++) {
      direct.push(await get(`${server.url}/api/v2/products`, agent));
      proxied.push(await get(`${proxy.url}/api/v2/products`, agent));
    }
  } finally {
    agent.destroy();
    await proxy.close();
    await server.close();
  }
  const warm = (values: number[]) => values.slice(Math.floor(requests / 10));
  return { median: round(quantile(warm(proxied), 0.5) - quantile(warm(direct), 0.5)), p95: round(quantile(warm(proxied), 0.95) - quantile(warm(direct), 0.95)) };
}

export async function harBench(exchanges: Exchange[]): Promise<HarBench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'har-bench-'));
  try {
    const small = path.join(dir, 'throughput.har');
    writeHar(small, exchanges, { entries: 20_000 });
    const harExchangesPerSecond = await throughput(small);
    const large = path.join(dir, 'large.har');
    writeHar(large, exchanges, { bytes: Number(process.env.HAR_BENCH_MB ?? 500) * 1e6 });
    return { harExchangesPerSecond, largeHar: largeHar(large), proxyAddedLatencyMs: await proxyLatency(2000) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module && process.argv[2] === '--measure') {
  void (async () => {
    const traffic = new TrafficCheck(await loadContract());
    const started = performance.now();
    const entries = await checkHarFile(process.argv[3], traffic);
    console.log(JSON.stringify({ entries, seconds: round((performance.now() - started) / 1000, 1), maxRssMegabytes: Math.round(process.resourceUsage().maxRSS / 1024) }));
  })();
}
