import * as fs from 'node:fs';
import * as path from 'node:path';
import { reportsDir } from '../paths';
import { redactor } from '../http/redact';
import type { ScenarioResult } from '../scenario/types';
import type { Target } from '../target/target';

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
}

export function storedResult(result: ScenarioResult): StoredResult {
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
  });
}

export const resultsFile = (runId: string): string => path.join(reportsDir(), 'results', `${runId}.jsonl`);

/** Appends one result of a jest run (the matrix and the summary are built from these at teardown). */
export function recordResult(result: ScenarioResult, target: Target): void {
  const file = resultsFile(target.config.runId);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, JSON.stringify(storedResult(result)) + '\n');
}

export function readResults(runId: string): StoredResult[] {
  const file = resultsFile(runId);
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as StoredResult);
}
