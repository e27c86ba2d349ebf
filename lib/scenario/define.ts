import { contractIndex } from '../spec/contract';
import { readConfig } from '../target/config';
import { configuredProfile, currentTarget } from '../target/target';
import { recordResult } from '../report/results';
import { renderFailures } from './render';
import { runScenario, unmetNeed } from './runner';
import { scenarioId, type ScenarioSpec, type SuiteDefinition } from './types';

let collectOnly = false;
/** In-process runners (the self-tests) import suites for their definitions without registering jest tests. */
export function collectWithoutRegistering(): void {
  collectOnly = true;
}
export const isCollecting = (): boolean => collectOnly;

/** Refuses, at load time, a scenario for an unknown operation or an undocumented status. */
function validateSpec(operationId: string, spec: ScenarioSpec): void {
  const operation = contractIndex().operation(spec.operationId);
  if (spec.operationId !== operationId) throw new Error(`${scenarioId(spec)}: belongs in the suite of ${spec.operationId}`);
  if (spec.status !== 'undocumented' && !operation.statuses.includes(spec.status)) {
    throw new Error(`${scenarioId(spec)}: ${spec.status} is not documented for ${operationId}; say status: 'undocumented'`);
  }
}

function registerWithJest(suite: SuiteDefinition): void {
  const config = readConfig();
  const profile = configuredProfile(config);
  const writesAllowed = process.env.CONSOLE_EMBEDDED === '1' || profile.allowWrites || config.allowWrites;
  describe(suite.operationId, () => {
    for (const spec of suite.scenarios) {
      const unmet = unmetNeed(spec.needs, { profile, writesAllowed });
      if (unmet) {
        test.skip(`${scenarioId(spec)} [PRECONDITION: ${unmet}]`, () => undefined);
        continue;
      }
      test(scenarioId(spec), async () => {
        const target = await currentTarget();
        const result = await runScenario(spec, target);
        recordResult(result, target);
        if (result.verdict === 'precondition') console.warn(`PRECONDITION ${result.id}: ${result.preconditionReason}`);
        if (result.gating.length > 0) throw findings(renderFailures(result.gating));
        const advisory = result.failures.filter((failure) => !result.gating.includes(failure));
        if (advisory.length > 0) console.warn(`${result.id}\n${renderFailures(advisory)}`);
      });
    }
  });
}

/** An error whose report is the findings alone: a code frame of the harness would only distract. */
function findings(text: string): Error {
  const error = new Error(`\n${text}`);
  error.stack = error.message;
  return error;
}

const suites: SuiteDefinition[] = [];
export const definedSuites = (): readonly SuiteDefinition[] => suites;

/** One suite per operation (suites/<tag>/<operationId>.test.ts). */
export function defineSuite(operationId: string, scenarios: ScenarioSpec[]): SuiteDefinition {
  contractIndex().operation(operationId);
  scenarios.forEach((spec) => validateSpec(operationId, spec));
  const ids = new Set<string>();
  for (const spec of scenarios) {
    if (ids.has(scenarioId(spec))) throw new Error(`duplicate scenario ${scenarioId(spec)}`);
    ids.add(scenarioId(spec));
  }
  const suite = { operationId, scenarios };
  suites.push(suite);
  if (!collectOnly && typeof describe === 'function') registerWithJest(suite);
  return suite;
}
