import * as fs from 'node:fs';
import * as path from 'node:path';
import { reportsDir } from '../paths';
import type { RunConfig } from '../target/config';

/**
 * A run owns its outputs: everything one `npm run conformance` writes lives in reports/runs/<run id>/, one file
 * per shard, so the shards of one CI run (same CONSOLE_RUN_ID) merge by copying their reports/ folders into one.
 */
export interface RunInfo {
  runId: string;
  /** "embedded reference server" or the target URL. */
  target: string;
  profile: string;
  seed: string;
  strict: boolean;
  strictClients: boolean;
  startedAt: string;
  /** "1-of-3", or "all" for an unsharded run. */
  shard: string;
  /** The --only of the run, when it had one. */
  only?: string;
}

/** The shard label of the current process: set by `npm run conformance` (CONSOLE_SHARD=i/n), "all" otherwise. */
export const shardLabel = (shard: string | undefined = process.env.CONSOLE_SHARD): string => (shard ? shard.replace('/', '-of-') : 'all');

export const runsDir = (): string => path.join(reportsDir(), 'runs');
export const runDir = (runId: string): string => path.join(runsDir(), runId);
export const allureResultsDir = (runId: string): string => path.join(runDir(runId), 'allure-results');
export const resultsFile = (runId: string, shard = shardLabel()): string => path.join(runDir(runId), `results-${shard}.jsonl`);
export const runInfoFile = (runId: string, shard = shardLabel()): string => path.join(runDir(runId), `run-${shard}.json`);
/** The durations of the shard's test files (lib/report/durations.ts; `npm run durations` keeps a full run's). */
export const runDurationsFile = (runId: string, shard = shardLabel()): string => path.join(runDir(runId), `durations-${shard}.json`);
/** JUnit of one shard inside the run folder (`npm run report` merges them). */
export const runJUnitFile = (runId: string, shard = shardLabel()): string => path.join(runDir(runId), `junit-${shard}.xml`);
/** JUnit where CI looks for it: reports/junit.xml, or reports/junit-shard-i-of-n.xml. */
export const publishedJUnitFile = (shard = shardLabel()): string => path.join(reportsDir(), shard === 'all' ? 'junit.xml' : `junit-shard-${shard}.xml`);

export function runInfo(config: RunConfig, profile: string, embedded: boolean, only?: string): RunInfo {
  return {
    runId: config.runId,
    target: embedded ? 'embedded reference server' : config.baseUrl ?? 'embedded reference server',
    profile,
    seed: config.seed === undefined ? 'derived from the date' : String(config.seed),
    strict: config.strict,
    strictClients: config.strictClients,
    startedAt: new Date().toISOString(),
    shard: shardLabel(),
    ...(only ? { only } : {}),
  };
}

export function writeRunInfo(info: RunInfo): void {
  fs.mkdirSync(runDir(info.runId), { recursive: true });
  fs.writeFileSync(runInfoFile(info.runId, info.shard), JSON.stringify(info, null, 2) + '\n');
}

/** The shards of one run found in reports/runs/<id>/ (one run-<shard>.json each). */
export function runShards(runId: string): RunInfo[] {
  const dir = runDir(runId);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((file) => /^run-.+\.json$/.test(file))
    .sort()
    .map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as RunInfo);
}

/** Run ids in reports/runs, oldest first (by the start of their earliest shard). */
export function listRuns(): string[] {
  if (!fs.existsSync(runsDir())) return [];
  const started = (runId: string) => runShards(runId).map((shard) => shard.startedAt).sort()[0] ?? '';
  return fs
    .readdirSync(runsDir())
    .filter((runId) => runShards(runId).length > 0)
    .sort((a, b) => started(a).localeCompare(started(b)) || a.localeCompare(b));
}

/**
 * The previous runs' outputs go once a run has produced its own (never before: a run that selects nothing
 * leaves everything as it was). Also the folders of the layout before per-run folders (results/, allure-results/).
 */
export function clearOtherRuns(keepRunId: string): void {
  for (const runId of fs.existsSync(runsDir()) ? fs.readdirSync(runsDir()) : []) {
    if (runId !== keepRunId) fs.rmSync(runDir(runId), { recursive: true, force: true });
  }
  for (const legacy of ['results', 'allure-results']) fs.rmSync(path.join(reportsDir(), legacy), { recursive: true, force: true });
  const mine = new Set(runShards(keepRunId).map((shard) => path.basename(publishedJUnitFile(shard.shard))));
  for (const file of fs.existsSync(reportsDir()) ? fs.readdirSync(reportsDir()) : []) {
    if (/^junit.*\.xml$/.test(file) && !mine.has(file)) fs.rmSync(path.join(reportsDir(), file), { force: true });
  }
}
