import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import type { Circus } from '@jest/types';
import { Status, type TestResult } from 'allure-js-commons';
import type NodeEnvironment from 'jest-environment-node';
import { OUTCOME_GLOBAL, type Outcome, type ReportStatus } from './outcome';
import { allureResultsDir } from './run';

// allure-jest publishes its environment through package exports only, which this project's moduleResolution does not read.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AllureNodeEnvironment = require('allure-jest/node') as typeof NodeEnvironment;

const STATUS: Record<ReportStatus, Status> = { passed: Status.PASSED, failed: Status.FAILED, broken: Status.BROKEN, skipped: Status.SKIPPED };

/** What this environment uses of allure-jest's: public properties of its class, not in its typings. */
interface AllureInternals {
  runtime: { updateTest(uuid: string, update: (result: TestResult) => void): void };
  runContext: { executables: string[] };
}

/**
 * allure-jest, with three things it cannot know: where this run's results go (reports/runs/<run id>/, known only
 * once the global setup has fixed the run id), which skipped tests were deselected, and each test's status. allure-jest guesses failed or broken
 * from the error's class name, and has no skipped for a test that ran; the suite knows (lib/report/outcome.ts):
 * settle() leaves the outcome on the test's global, and it is applied just before allure-jest writes the result.
 */
export default class ConformanceEnvironment extends AllureNodeEnvironment {
  // Set by allure-jest's constructor; `declare` emits no field that would overwrite it.
  declare handleTestEvent: (event: Circus.Event, state: Circus.State) => void | Promise<void>;

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    const runId = process.env.CONSOLE_RUN_ID;
    if (!runId) throw new Error('CONSOLE_RUN_ID is not set: run the suite through `npm run conformance`');
    const projectConfig = { ...config.projectConfig, testEnvironmentOptions: { ...config.projectConfig.testEnvironmentOptions, resultsDir: allureResultsDir(runId) } };
    super({ ...config, projectConfig }, context);
    const allureHandler = this.handleTestEvent.bind(this);
    this.handleTestEvent = (event: Circus.Event, state: Circus.State) => {
      if (event.name === 'test_done') this.applyOutcome();
      // A test --only left out was never part of the run: no result (a PRECONDITION skip is one). allure-jest
      // opened a scope for it at test_start; its test_done handler closes that scope and, with no test started, writes nothing.
      if (event.name === 'test_skip' && !event.test.name.includes('[PRECONDITION:')) return allureHandler({ name: 'test_done', test: event.test }, state);
      return allureHandler(event, state);
    };
  }

  private applyOutcome(): void {
    const global = this.global as Record<string, unknown>;
    const outcome = global[OUTCOME_GLOBAL] as Outcome | undefined;
    delete global[OUTCOME_GLOBAL];
    const { runtime, runContext } = this as unknown as AllureInternals;
    const uuid = runContext.executables.at(-1);
    if (!outcome || !uuid) return;
    runtime.updateTest(uuid, (result) => {
      // A harness error after settle() (a timeout) keeps the status allure-jest gave it.
      if (outcome.status === 'passed' && result.status !== Status.PASSED) return;
      result.status = STATUS[outcome.status];
      // Failed and broken keep jest's message: the whole finding, as printed (less the newline that sets it off
      // in jest's output). Skipped and warnings get their one line.
      const message = outcome.status === 'skipped' || outcome.status === 'passed' ? outcome.line : result.statusDetails?.message?.trimStart();
      if (message) result.statusDetails = { ...result.statusDetails, message };
    });
  }
}
