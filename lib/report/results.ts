import * as fs from 'node:fs';
import * as path from 'node:path';
import { redactor } from '../http/redact';
import type { ScenarioResult } from '../scenario/types';
import type { Outcome } from './outcome';
import { resultsFile, runDir } from './run';

/** What the reports keep of a result: no exchanges, every text redacted. */
export interface StoredResult {
  id: string;
  operationId: string;
  status: number | 'undocumented';
  title: string;
  strength: string;
  verdict: string;
  checks: string[];
  gatingChecks: string[];
  observedStatuses: number[];
  preconditionReason?: string;
  durationMs: number;
  outcome: Outcome;
}

export function storedResult(result: ScenarioResult, outcome: Outcome): StoredResult {
  return redactor.redactDeep({
    id: result.id,
    operationId: result.operationId,
    status: result.status,
    title: result.title,
    strength: result.strength,
    verdict: result.verdict,
    checks: [...new Set(result.failures.map((failure) => failure.check))],
    gatingChecks: [...new Set(result.gating.map((failure) => failure.check))],
    observedStatuses: result.observedStatuses,
    preconditionReason: result.preconditionReason,
    durationMs: Math.round(result.durationMs),
    outcome,
  });
}

/** Appends one result of a jest run to its shard's file (the matrix, JUnit and the summary read these). */
export function recordResult(stored: StoredResult, runId: string): void {
  const file = resultsFile(runId);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, JSON.stringify(stored) + '\n');
}

const readJsonl = (file: string): StoredResult[] =>
  fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as StoredResult);

/** The results of one shard of a run. */
export const readShardResults = (runId: string, shard?: string): StoredResult[] => {
  const file = resultsFile(runId, shard);
  return fs.existsSync(file) ? readJsonl(file) : [];
};

/** Every shard's results of one run; a test found in two shards (a re-run) counts once, the later one. */
export function readRunResults(runId: string): { results: StoredResult[]; files: string[] } {
  const dir = runDir(runId);
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((file) => /^results-.+\.jsonl$/.test(file)).sort() : [];
  const byId = new Map<string, StoredResult>();
  for (const file of files) for (const result of readJsonl(path.join(dir, file))) byId.set(result.id, result);
  return { results: [...byId.values()], files };
}
