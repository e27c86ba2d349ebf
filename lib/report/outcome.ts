import type { Failure } from '../checks/types';
import { redactor } from '../http/redact';
import type { ScenarioResult } from '../scenario/types';
import type { Expectation } from './expectations';

/** Allure's statuses; JUnit maps failed → <failure>, broken → <error>, skipped → <skipped>. */
export type ReportStatus = 'passed' | 'failed' | 'broken' | 'skipped';

/** What made a test end as it did: the Allure category it falls in (label `finding`). */
export type FindingKind =
  | 'conformant'
  | 'contract violation'
  | 'real-client expectation'
  | 'real-client warning'
  | 'setup error'
  | 'unexpected pass'
  | 'known deviation'
  | 'precondition';

/** One test's verdict as every report shows it: Allure, JUnit and the matrix read this, never re-derive it. */
export interface Outcome {
  status: ReportStatus;
  finding: FindingKind;
  /** The check behind the verdict (JUnit `type`). */
  check?: string;
  /** `[check] one line` (JUnit `message`, the reason of a skipped test in Allure). */
  line?: string;
}

/** Where settle() leaves a test's outcome for the Allure environment (lib/report/allure-environment.ts). */
export const OUTCOME_GLOBAL = '__CONSOLE_CONFORMANCE_OUTCOME__';

const MAX_LINE = 300;
const oneLine = (text: string): string => {
  const flat = redactor.redactText(text.replace(/\s+/g, ' ').trim());
  return flat.length > MAX_LINE ? `${flat.slice(0, MAX_LINE)}…` : flat;
};

/** `[check] Expected: …; Actual: …` — what a CI summary shows of a failure. */
export const failureLine = (failure: Failure, others = 0): string =>
  oneLine(`[${failure.check}] Expected: ${failure.expected}; Actual: ${failure.actual}${others > 0 ? ` (and ${others} more)` : ''}`);

/**
 * settled = after known deviations; raw = before (its gating failures are what a KNOWN entry excused).
 * A setup failure is broken, not failed: the scenario could not ask its question.
 */
export function outcomeOf(settled: ScenarioResult, raw: ScenarioResult, unexpectedPasses: Expectation[]): Outcome {
  if (unexpectedPasses.length > 0) {
    const [entry] = unexpectedPasses;
    return { status: 'failed', finding: 'unexpected pass', check: entry.check, line: oneLine(`[${entry.check}] unexpected pass: no longer fails (${entry.bug}); remove the entry`) };
  }
  if (settled.gating.length > 0) {
    const finding = settled.gating.find((failure) => failure.check !== 'setup');
    if (!finding) return { status: 'broken', finding: 'setup error', check: 'setup', line: failureLine(settled.gating[0], settled.gating.length - 1) };
    return {
      status: 'failed',
      finding: finding.strength === 'MUST' ? 'contract violation' : 'real-client expectation',
      check: finding.check,
      line: failureLine(finding, settled.gating.length - 1),
    };
  }
  if (settled.verdict === 'known') {
    const excused = raw.gating[0];
    return { status: 'skipped', finding: 'known deviation', check: excused?.check, line: oneLine(`KNOWN ${excused ? failureLine(excused, raw.gating.length - 1) : ''}`) };
  }
  if (settled.verdict === 'precondition') return { status: 'skipped', finding: 'precondition', line: oneLine(`PRECONDITION: ${settled.preconditionReason ?? 'the profile lacks what it needs'}`) };
  const advisory = settled.failures[0];
  if (advisory) return { status: 'passed', finding: 'real-client warning', check: advisory.check, line: failureLine(advisory, settled.failures.length - 1) };
  return { status: 'passed', finding: 'conformant' };
}

/**
 * A finding, thrown: an assertion about the server is what it is, and an AssertionError-like name is what
 * Allure (allure-js-commons getStatusFromError) reads as "failed" rather than "broken". The stack is the
 * finding itself: a code frame of the harness would only distract.
 */
export class ContractAssertionError extends Error {
  constructor(text: string) {
    super(text);
    this.name = 'ContractAssertionError';
    this.stack = this.message;
  }
}
