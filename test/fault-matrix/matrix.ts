import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRunnables, runAll, type Runnable } from '../../lib/scenario/collect';
import type { ScenarioResult } from '../../lib/scenario/types';
import { reportsDir } from '../../lib/paths';
import { FAULT_NAMES, faultDefinition, type FaultName } from '../../server/faults';
import { startTarget } from '../support/servers';

/** A short deadline: the hanging-server fault must not stretch the matrix. */
export const MATRIX_TIMEOUT_MS = 2500;
/** The deadline of a request to a server with a fault that hangs (every request to that operation times out). */
const HANG_TIMEOUT_MS = 300;

export interface FaultOutcome {
  fault: string;
  category: string;
  operationId: string;
  expectedCheck: string;
  /** check → the tests that reported it. */
  detectedBy: Record<string, string[]>;
  verdict: 'detected' | 'detected by another check' | 'missed';
}

export interface Baseline {
  results: ScenarioResult[];
  /** The operations each scenario's requests reached on the clean server. */
  touches: Map<string, Set<string>>;
}

export async function cleanBaseline(runnables: Runnable[] = allRunnables()): Promise<Baseline> {
  const { server, target } = await startTarget({ config: { timeoutMs: MATRIX_TIMEOUT_MS } });
  try {
    const results = await runAll(runnables, target);
    const touches = new Map(results.map((result) => [result.id, new Set(result.exchanges.flatMap((e) => (e.operation ? [e.operation.operationId] : [])))]));
    return { results, touches };
  } finally {
    await server.close();
  }
}

/** Only scenarios that reach the broken operation can see the fault (all of them for '*' faults). */
export function relevantRunnables(fault: FaultName, runnables: Runnable[], baseline: Baseline): Runnable[] {
  const { operationId } = faultDefinition(fault);
  if (operationId === '*') return runnables;
  return runnables.filter((runnable) => runnable.operationId === operationId || baseline.touches.get(runnable.id)?.has(operationId));
}

export async function runFault(fault: FaultName, runnables: Runnable[]): Promise<FaultOutcome> {
  const definition = faultDefinition(fault);
  const { server, target } = await startTarget({ fault, config: { timeoutMs: 'hangs' in definition ? HANG_TIMEOUT_MS : MATRIX_TIMEOUT_MS } });
  try {
    const results = await runAll(runnables, target);
    const detectedBy: Record<string, string[]> = {};
    for (const result of results) {
      for (const check of new Set(result.failures.map((failure) => failure.check))) (detectedBy[check] ??= []).push(result.id);
    }
    const verdict = detectedBy[definition.check] ? 'detected' : Object.keys(detectedBy).length > 0 ? 'detected by another check' : 'missed';
    return { fault, category: definition.category, operationId: definition.operationId, expectedCheck: definition.check, detectedBy, verdict };
  } finally {
    await server.close();
  }
}

/** Faults split between the shard files, so jest runs them on both cores. */
export const SHARDS = 2;
export const faultsOfShard = (shard: number): FaultName[] => FAULT_NAMES.filter((_name, i) => i % SHARDS === shard);

const matrixDir = () => path.join(reportsDir(), 'fault-matrix');

function renderMarkdown(outcomes: FaultOutcome[], expectedTotal: number, clean: string): string {
  const detected = outcomes.filter((outcome) => outcome.verdict === 'detected').length;
  const lines = [
    '# Fault matrix',
    '',
    `${detected} of ${expectedTotal} faults detected by the check they declare (${((100 * detected) / expectedTotal).toFixed(0)}%).`,
    '',
    clean,
    'The variant server (no false positives) is reported in reports/no-false-positives.md.',
    '',
    '| fault | category | operation | expected check | detected by | verdict |',
    '|---|---|---|---|---|---|',
  ];
  for (const outcome of [...outcomes].sort((a, b) => a.fault.localeCompare(b.fault))) {
    const by = Object.entries(outcome.detectedBy)
      .map(([check, tests]) => `${check} (${tests.length}: ${tests[0]}${tests.length > 1 ? ', …' : ''})`)
      .join('<br>');
    lines.push(`| ${outcome.fault} | ${outcome.category} | ${outcome.operationId} | ${outcome.expectedCheck} | ${by || '—'} | ${outcome.verdict} |`);
  }
  return lines.join('\n') + '\n';
}

/** Each shard writes its outcomes; whichever finishes last leaves the whole matrix in reports/. */
export function writeShard(shard: number, outcomes: FaultOutcome[], baseline: Baseline): void {
  fs.mkdirSync(matrixDir(), { recursive: true });
  fs.writeFileSync(path.join(matrixDir(), `shard-${shard}.json`), JSON.stringify(outcomes, null, 2));
  const all = fs
    .readdirSync(matrixDir())
    .filter((file) => /^shard-\d+\.json$/.test(file))
    .flatMap((file) => JSON.parse(fs.readFileSync(path.join(matrixDir(), file), 'utf8')) as FaultOutcome[]);
  fs.writeFileSync(path.join(reportsDir(), 'fault-matrix.json'), JSON.stringify(all, null, 2));
  const findings = baseline.results.filter((result) => result.failures.length > 0).length;
  const clean = `Clean reference server: ${baseline.results.length} scenarios and properties, ${findings === 0 ? 'green (no finding at all)' : `${findings} with findings`}.`;
  fs.writeFileSync(path.join(reportsDir(), 'fault-matrix.md'), renderMarkdown(all, FAULT_NAMES.length, clean));
}
