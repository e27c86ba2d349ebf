import { spawn } from 'node:child_process';
import type { Entry } from 'har-format';
import { EXCHANGE_CHECKS } from '../../lib/checks';
import { checkHarFile } from '../../lib/har/run';
import { HarWriter, recordExchanges } from '../../lib/har/record';
import { TrafficCheck } from '../../lib/har/traffic';
import type { Exchange } from '../../lib/http/exchange';
import { fromRoot } from '../../lib/paths';
import { allRunnables, runAll } from '../../lib/scenario/collect';
import type { ScenarioResult } from '../../lib/scenario/types';
import { loadContract } from '../../lib/spec/compiled';
import type { RunConfig } from '../../lib/target/config';
import type { ServerOptions } from '../../server';
import { startTarget } from './servers';

const EXCHANGE_CHECK_NAMES = new Set(EXCHANGE_CHECKS.map((check) => check.name));

/** Findings by `operationId status check`, as TrafficCheck counts them. */
export type FindingCounts = Record<string, number>;

export function exchangeFindings(results: ScenarioResult[]): FindingCounts {
  const counts: FindingCounts = {};
  for (const failure of results.flatMap((result) => result.failures)) {
    if (!EXCHANGE_CHECK_NAMES.has(failure.check)) continue;
    const key = `${failure.operationId} ${failure.status ?? 'none'} ${failure.check}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** The scenarios of some operations (all when none given) against a reference server, recorded in process as HAR. */
export async function recordScenarios(file: string, options: ServerOptions & { operationIds?: string[]; config?: Partial<RunConfig> } = {}): Promise<{ results: ScenarioResult[]; exchanges: Exchange[] }> {
  const { server, target } = await startTarget({ ...options, config: { timeoutMs: 2500, ...options.config } });
  const writer = new HarWriter(file);
  const exchanges: Exchange[] = [];
  recordExchanges(target.http, writer);
  target.http.onExchange((exchange) => exchanges.push(exchange));
  try {
    const runnables = allRunnables({ seed: 42, numRuns: 5, shrink: false }).filter(
      (runnable) => runnable.kind === 'scenario' && (!options.operationIds || options.operationIds.includes(runnable.operationId)),
    );
    return { results: await runAll(runnables, target), exchanges };
  } finally {
    writer.close();
    await server.close();
  }
}

export async function harTraffic(...files: string[]): Promise<TrafficCheck> {
  const traffic = new TrafficCheck(await loadContract());
  for (const file of files) await checkHarFile(file, traffic);
  return traffic;
}

export const harFindings = async (file: string): Promise<FindingCounts> => Object.fromEntries((await harTraffic(file)).findingCounts);

/** A HAR entry as a browser exports one: nothing redacted (for the secrets and bad-input tests). */
export function rawEntry(exchange: Exchange, extraRequestHeaders: Record<string, string> = {}): Entry {
  const headers = (record: Record<string, string>) => Object.entries(record).map(([name, value]) => ({ name, value }));
  const response = exchange.response!;
  return {
    startedDateTime: '2026-12-01T10:00:00.000Z',
    time: response.durationMs,
    request: {
      method: exchange.request.method,
      url: exchange.request.url,
      httpVersion: 'HTTP/1.1',
      headers: headers({ ...exchange.request.headers, ...extraRequestHeaders }),
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: exchange.request.body?.length ?? 0,
      ...(exchange.request.body === undefined ? {} : { postData: { mimeType: 'application/json', text: exchange.request.body } }),
    },
    response: {
      status: response.status,
      statusText: response.statusText,
      httpVersion: 'HTTP/1.1',
      headers: headers(response.headers),
      cookies: [],
      content: { size: response.bodyBytes, mimeType: response.headers['content-type'] ?? 'x-unknown', text: response.bodyText },
      redirectURL: '',
      headersSize: -1,
      bodySize: response.bodyBytes,
    },
    cache: {},
    timings: { send: 0, wait: response.durationMs, receive: 0 },
  };
}

export const harOf = (entries: unknown[]): string => JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } });

export interface CommandRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A command of package.json's (cli/<name>.ts) as a user runs it. */
export function runCli(script: 'conformance' | 'proxy', args: string[], env: Record<string, string>): Promise<CommandRun> & { pid?: number; kill(signal: NodeJS.Signals): void; output(): string } {
  const child = spawn(process.execPath, [fromRoot('node_modules', 'tsx', 'dist', 'cli.mjs'), fromRoot('cli', `${script}.ts`), ...args], { cwd: fromRoot(), env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<CommandRun>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return Object.assign(done, { pid: child.pid, kill: (signal: NodeJS.Signals) => child.kill(signal), output: () => stdout + stderr });
}
