import * as fs from 'node:fs';
import * as path from 'node:path';
import { reportsDir } from '../paths';
import { cap, type Failure } from '../checks/types';
import { curlLine } from '../http/curl';
import { redactor } from '../http/redact';
import type { ScenarioResult } from '../scenario/types';
import type { Target } from '../target/target';

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

export function storedResult(result: ScenarioResult, replay?: string): StoredResult {
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
  });
  return { ...identity, ...redacted, replay };
}

export const resultsFile = (runId: string): string => path.join(reportsDir(), 'results', `${runId}.jsonl`);

/** Appends one result of a jest run (the matrix and the summary are built from these at teardown). */
export function recordResult(result: ScenarioResult, target: Target, replay?: string): void {
  const file = resultsFile(target.config.runId);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, JSON.stringify(storedResult(result, replay)) + '\n');
}

export function readResults(runId: string): StoredResult[] {
  const file = resultsFile(runId);
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as StoredResult);
}
