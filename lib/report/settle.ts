import type { ScenarioResult } from '../scenario/types';
import type { Target } from '../target/target';
import { reportToAllure } from './allure';
import { flushCoverage } from './coverage-record';
import { applyExpectations, expectationsFile, loadExpectations } from './expectations';
import { ContractAssertionError, outcomeOf } from './outcome';
import { recordResult, storedResult } from './results';

/** A setup error is not a finding about the server: a plain Error, which Allure shows as broken. */
function setupError(text: string): Error {
  const error = new Error(`\n${text}`);
  error.stack = error.message;
  return error;
}

/**
 * The end of every jest test of the suite: known deviations applied, the outcome decided once and recorded
 * for the matrix, JUnit and Allure, then red for gating failures and unexpected passes, warnings for advisory findings.
 */
export async function settle(raw: ScenarioResult, target: Target, describeFailure: (result: ScenarioResult) => string, replay?: string): Promise<void> {
  const file = expectationsFile(target.profile.name);
  const { result, unexpectedPasses } = applyExpectations(raw, loadExpectations(file));
  const outcome = outcomeOf(result, raw, unexpectedPasses);
  recordResult(storedResult(result, outcome, replay), target.config.runId);
  flushCoverage(target.config.runId);
  await reportToAllure(result, outcome);
  if (unexpectedPasses.length > 0) {
    throw new ContractAssertionError('\n' + unexpectedPasses.map((entry) => `unexpected pass: ${entry.test} no longer fails ${entry.check} (${entry.bug}); remove the entry from ${file}`).join('\n'));
  }
  if (result.gating.length > 0) throw outcome.status === 'broken' ? setupError(describeFailure(result)) : new ContractAssertionError(`\n${describeFailure(result)}`);
}
