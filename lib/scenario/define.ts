import { contractIndex } from '../spec/contract';
import { readConfig } from '../target/config';
import { configuredProfile, currentTarget, releaseCurrentTarget, writesAllowed } from '../target/target';
import { settle } from '../report/settle';
import { replayLine } from '../report/replay';
import { renderFailures } from './render';
import { attempts, runScenario, unmetNeed } from './runner';
import { scenarioId, type ScenarioResult, type ScenarioSpec, type SuiteDefinition } from './types';

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

/** What the configured profile lacks for these needs, known before any request (jest: a skipped test). */
export function registrationPrecondition(needs: ScenarioSpec['needs']): string | undefined {
  const config = readConfig();
  const profile = configuredProfile(config);
  return unmetNeed(needs, { profile, writesAllowed: writesAllowed(profile, config, process.env.CONSOLE_EMBEDDED === '1') });
}

/** Top-level tests: the jest name is the test id itself, as --only and the replay line take it. */
function registerWithJest(suite: SuiteDefinition): void {
  afterAll(releaseCurrentTarget);
  for (const spec of suite.scenarios) {
    const unmet = registrationPrecondition(spec.needs);
    if (unmet) {
      test.skip(`${scenarioId(spec)} [PRECONDITION: ${unmet}]`, () => undefined);
      continue;
    }
    const attempt = attempts<ScenarioResult>();
    test(scenarioId(spec), async () => {
      const target = await currentTarget();
      const replay = replayLine(scenarioId(spec));
      await settle(attempt(await runScenario(spec, target)), target, (result) => `${renderFailures(result.gating)}\n\nreplay: ${replay}`, replay);
    });
  }
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
