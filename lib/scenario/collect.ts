import * as fs from 'node:fs';
import * as path from 'node:path';
import { fromRoot } from '../paths';
import type { Target } from '../target/target';
import { definedProperties } from '../property/define';
import { runProperty } from '../property/runner';
import { propertyId } from '../property/types';
import { collectWithoutRegistering, definedSuites } from './define';
import { runScenario } from './runner';
import { scenarioId, type ScenarioResult, type SuiteDefinition } from './types';

export const SUITES_DIR = fromRoot('suites');
export const PROPERTIES_DIR = fromRoot('properties');

/** The test files below a folder (suites/ or properties/). */
export function suiteFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return suiteFiles(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

let loaded = false;
/** Every suite's and property's definitions, without registering jest tests (for in-process runs: self-tests, bench). */
function loadDefinitions(): void {
  if (loaded) return;
  collectWithoutRegistering();
  for (const file of [...suiteFiles(SUITES_DIR), ...suiteFiles(PROPERTIES_DIR)].sort()) require(file);
  loaded = true;
}

export function loadSuites(): readonly SuiteDefinition[] {
  loadDefinitions();
  return definedSuites();
}

/** A scenario or a property, as an in-process run sees it. */
export interface Runnable {
  id: string;
  operationId: string;
  kind: 'scenario' | 'property';
  /** For properties: the fault that must turn it red. */
  provenBy?: string;
  run(target: Target): Promise<ScenarioResult>;
}

/** Every scenario and property; properties with a fixed seed and few runs unless told otherwise. */
export function allRunnables(propertyOptions: { seed: number; numRuns: number; shrink?: boolean } = { seed: 42, numRuns: 25 }): Runnable[] {
  loadDefinitions();
  return [
    ...definedSuites().flatMap((suite) => suite.scenarios.map<Runnable>((spec) => ({ id: scenarioId(spec), operationId: spec.operationId, kind: 'scenario', run: (target) => runScenario(spec, target) }))),
    ...definedProperties().map<Runnable>((spec) => ({ id: propertyId(spec), operationId: spec.operationId, kind: 'property', provenBy: spec.provenBy, run: (target) => runProperty(spec, target, propertyOptions) })),
  ];
}


/** Runs one after another (sessions of one licence key must not interleave). */
export async function runAll(runnables: Runnable[], target: Target): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const runnable of runnables) results.push(await runnable.run(target));
  return results;
}
