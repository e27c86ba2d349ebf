import * as fs from 'node:fs';
import * as path from 'node:path';
import { cap, type Failure } from '../checks/types';
import { curlLine } from '../http/curl';
import { redactor } from '../http/redact';
import type { ScenarioResult } from '../scenario/types';
import type { Outcome } from './outcome';
import { resultsFile, runDir } from './run';

/** A finding as the closing summary prints it: redacted, every value capped. */
export interface StoredFinding {
  check: string;
  strength: string;
  /** It makes the run red (MUST; SHOULD with --strict-clients). */
  gating: boolean;
  operationId: string;
  status?: number;
  requirement: string;
  basis: readonly string[];
  expected: string;
  actual: string;
  pointer?: string;
  curl?: string;
}

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
  findings: StoredFinding[];
  /** The command that runs this test again (for a failing property: with its seed and paths). */
  replay?: string;
  throttled?: number;
  durationMs: number;
  outcome: Outcome;
}

const storedFinding = (failure: Failure, gating: readonly Failure[]): StoredFinding => ({
  check: failure.check,
  strength: failure.strength,
  gating: gating.includes(failure),
  operationId: failure.operationId,
  status: failure.status,
  requirement: failure.requirement,
  basis: failure.basis,
  expected: cap(failure.expected),
  actual: cap(failure.actual),
  pointer: failure.pointer,
  curl: failure.exchange ? curlLine(failure.exchange.request) : undefined,
});

export function storedResult(result: ScenarioResult, outcome: Outcome, replay?: string): StoredResult {
  // Test ids are the suite's own words (never secrets), and "Basic credentials" must stay the id --only takes.
  const identity = { id: result.id, operationId: result.operationId, status: result.status, title: result.title };
  const redacted = redactor.redactDeep({
    strength: result.strength,
    verdict: result.verdict,
    checks: [...new Set(result.failures.map((failure) => failure.check))],
    gatingChecks: [...new Set(result.gating.map((failure) => failure.check))],
    observedStatuses: result.observedStatuses,
    preconditionReason: result.preconditionReason,
    findings: result.failures.map((failure) => storedFinding(failure, result.gating)),
    throttled: result.throttled,
    durationMs: Math.round(result.durationMs),
    outcome,
  });
  return { ...identity, ...redacted, replay };
}

/** Appends one result of a jest run to its shard's file (the matrix, JUnit and the summary read these). */
export function recordResult(stored: StoredResult, runId: string): void {
  const file = resultsFile(runId);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, JSON.stringify(stored) + '\n');
}

const readJsonl = (file: string): StoredResult[] =>
  fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as StoredResult);

/** A test run again (CONSOLE_RETRIES, a second shard) counts once: its last attempt. */
const lastAttempts = (results: StoredResult[]): StoredResult[] => [...new Map(results.map((result) => [result.id, result])).values()];

/** The results of one shard of a run. */
export const readShardResults = (runId: string, shard?: string): StoredResult[] => {
  const file = resultsFile(runId, shard);
  return fs.existsSync(file) ? lastAttempts(readJsonl(file)) : [];
};

/** Every shard's results of one run; a test found in two shards (a re-run) counts once, the later one. */
export function readRunResults(runId: string): { results: StoredResult[]; files: string[] } {
  const dir = runDir(runId);
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((file) => /^results-.+\.jsonl$/.test(file)).sort() : [];
  return { results: lastAttempts(files.flatMap((file) => readJsonl(path.join(dir, file)))), files };
}
