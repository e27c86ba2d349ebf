import type { ScenarioResult } from '../scenario/types';
import type { Target } from '../target/target';
import { reportToAllure } from './allure';
import { applyExpectations, loadExpectations } from './expectations';
import { recordResult } from './results';

/** An error whose report is the findings alone: a code frame of the harness would only distract. */
export function findings(text: string): Error {
  const error = new Error(`\n${text}`);
  error.stack = error.message;
  return error;
}

/**
 * The end of every jest test of the suite: known deviations applied, the result recorded for the matrix,
 * Allure and the closing summary, then red for gating failures and unexpected passes. Nothing is printed
 * here: the console reporter prints each finding once, grouped, at the end of the run (lib/report/console-reporter.ts).
 */
export async function settle(raw: ScenarioResult, target: Target, describeFailure: (result: ScenarioResult) => string, replay?: string): Promise<void> {
  const { result, unexpectedPasses } = applyExpectations(raw, loadExpectations(target.profile.name));
  recordResult(result, target, replay);
  await reportToAllure(result, result.verdict);
  if (unexpectedPasses.length > 0) {
    throw findings(unexpectedPasses.map((entry) => `unexpected pass: ${entry.test} no longer fails ${entry.check} (${entry.bug}); remove the entry from fixtures/targets/${target.profile.name}.expectations.yaml`).join('\n'));
  }
  if (result.gating.length > 0) throw findings(describeFailure(result));
}
