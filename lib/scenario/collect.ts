import * as fs from 'node:fs';
import * as path from 'node:path';
import { fromRoot } from '../paths';
import type { Target } from '../target/target';
import { collectWithoutRegistering, definedSuites } from './define';
import { runScenario } from './runner';
import type { ScenarioResult, ScenarioSpec, SuiteDefinition } from './types';

export const SUITES_DIR = fromRoot('suites');

function suiteFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return suiteFiles(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Every suite's definitions, without registering jest tests (for in-process runs: self-tests, bench). */
export function loadSuites(): readonly SuiteDefinition[] {
  collectWithoutRegistering();
  for (const file of suiteFiles(SUITES_DIR).sort()) require(file);
  return definedSuites();
}

export const allScenarios = (): ScenarioSpec[] => loadSuites().flatMap((suite) => suite.scenarios);

/** Runs scenarios one after another (sessions of one licence key must not interleave). */
export async function runScenarios(scenarios: ScenarioSpec[], target: Target): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) results.push(await runScenario(scenario, target));
  return results;
}
