import type { AggregatedResult } from '@jest/test-result';
import type { StoredFinding, StoredResult } from './results';

const PRECONDITION_TITLE = /\[PRECONDITION: (.*)\]$/;

export interface RunSummary {
  tests: number;
  passed: number;
  known: number;
  failed: number;
  /** Tests that passed (or are known or precondition) with SHOULD findings: real-client warnings. */
  warnings: number;
  preconditions: number;
  /** Failed once, passed on a retry. */
  flaky: number;
  /** 429s the target answered (waited out and retried). */
  throttled: number;
  /** Test files that could not run at all (the run could not be made). */
  brokenFiles: number;
}

/** The counts of the closing line, from jest's results and the results the tests recorded. */
export function summarize(results: AggregatedResult, stored: StoredResult[]): RunSummary {
  const tests = results.testResults.flatMap((file) => file.testResults);
  // PRECONDITION: skipped at load time (the profile lacks the data), or found out while running (a budget spent).
  // Other skipped tests are the ones a selection left out: they are not counted at all.
  const skippedForPrecondition = tests.filter((test) => test.status === 'pending' && PRECONDITION_TITLE.test(test.title)).length;
  const deselected = tests.filter((test) => test.status === 'pending').length - skippedForPrecondition;
  const known = stored.filter((result) => result.verdict === 'known').length;
  const ranIntoPrecondition = stored.filter((result) => result.verdict === 'precondition').length;
  return {
    tests: results.numTotalTests - deselected,
    passed: results.numPassedTests - known - ranIntoPrecondition,
    known,
    failed: results.numFailedTests,
    warnings: stored.filter((result) => result.verdict !== 'fail' && result.findings.some((finding) => !finding.gating)).length,
    preconditions: ranIntoPrecondition + skippedForPrecondition,
    flaky: tests.filter((test) => test.status === 'passed' && (test.invocations ?? 1) > 1).length,
    throttled: stored.reduce((sum, result) => sum + (result.throttled ?? 0), 0),
    brokenFiles: results.testResults.filter((file) => file.testExecError !== undefined).length,
  };
}

export const summaryLine = (s: RunSummary): string =>
  `${s.tests} tests, ${s.passed} passed, ${s.known} known, ${s.failed} failed, ${s.warnings} warnings, ${s.preconditions} preconditions, ${s.flaky} flaky`;

interface FindingGroup {
  finding: StoredFinding;
  tests: string[];
  operations: string[];
  replay?: string;
}

/**
 * One cause, one block: findings of the same check and strength at the same place (the JSON pointer, else what
 * was expected) with the same actual value are grouped, across tests and operations (a reason missing from every
 * error body is one finding on 155 tests, not 155 findings).
 */
export function groupFindings(stored: StoredResult[], gating: boolean): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const result of stored) {
    for (const finding of result.findings.filter((candidate) => candidate.gating === gating)) {
      const key = [finding.check, finding.strength, finding.pointer ?? finding.expected, finding.pointer ? '' : finding.actual].join('\u0000');
      const group = groups.get(key) ?? { finding, tests: [], operations: [], replay: result.replay };
      if (!group.tests.includes(result.id)) group.tests.push(result.id);
      if (!group.operations.includes(finding.operationId)) group.operations.push(finding.operationId);
      groups.set(key, group);
    }
  }
  return [...groups.values()];
}

const onOperations = (operations: string[]): string => (operations.length > 1 ? ` and ${operations.length - 1} more operation${operations.length > 2 ? 's' : ''}` : '');

const MORE_TESTS_SHOWN = 5;
const moreTests = (tests: string[]): string[] =>
  tests.length <= 1 ? [] : [`  and ${tests.length - 1} more test${tests.length > 2 ? 's' : ''}: ${tests.slice(1, 1 + MORE_TESTS_SHOWN).join('; ')}${tests.length > 1 + MORE_TESTS_SHOWN ? '; …' : ''}`];

/** One block per gating finding, printed once, h2spec style, with the replay line of its first test. */
export function renderGatingGroup({ finding, tests, operations, replay }: FindingGroup): string {
  return [
    `[${finding.check}] ${finding.strength} ${finding.operationId}${finding.status !== undefined ? ` (HTTP ${finding.status})` : ''}${onOperations(operations)} — ${tests.length} test${tests.length > 1 ? 's' : ''}, first ${tests[0]}`,
    `  requirement: ${finding.requirement}`,
    `  basis:    ${finding.basis.join('; ') || '(none)'}`,
    `  Expected: ${finding.expected}`,
    `  Actual:   ${finding.actual}`,
    ...(finding.curl ? [`  ${finding.curl}`] : []),
    ...(replay ? [`  replay: ${replay}`] : []),
    ...moreTests(tests),
  ].join('\n');
}

const ONE_LINE = 300;
const short = (text: string): string => (text.length > ONE_LINE ? `${text.slice(0, ONE_LINE)}…` : text);

/** A warning is one line: what, where, the basis to argue with, how many tests saw it. */
export const renderWarningGroup = ({ finding, tests, operations }: FindingGroup): string =>
  `SHOULD [${finding.check}] ${finding.operationId}${finding.status !== undefined ? ` (HTTP ${finding.status})` : ''}${onOperations(operations)}: ${short(finding.actual.replace(/\s+/g, ' '))} — expected ${short(finding.expected)} [${finding.basis.join('; ')}] (${tests.length} test${tests.length > 1 ? 's' : ''}: ${tests[0]}${tests.length > 1 ? '; …' : ''})`;

/** check → count of MUST and SHOULD findings (every occurrence, not groups). */
export function checkTable(stored: StoredResult[]): string {
  const counts = new Map<string, { must: number; should: number }>();
  for (const finding of stored.flatMap((result) => result.findings)) {
    const row = counts.get(finding.check) ?? { must: 0, should: 0 };
    if (finding.strength === 'MUST') row.must++;
    else row.should++;
    counts.set(finding.check, row);
  }
  if (counts.size === 0) return '';
  const width = Math.max(5, ...[...counts.keys()].map((name) => name.length));
  const rows = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, row]) => `  ${name.padEnd(width)}  ${String(row.must).padStart(4)}  ${String(row.should).padStart(6)}`);
  return [`  ${'check'.padEnd(width)}  MUST  SHOULD`, ...rows].join('\n');
}

/** Everything the closing part of a run prints below the per-file lines. */
export function renderClosing(stored: StoredResult[], summary: RunSummary, preconditions: string[]): string {
  const gating = groupFindings(stored, true);
  const warnings = groupFindings(stored, false);
  const known = stored.filter((result) => result.verdict === 'known').map((result) => `KNOWN ${result.id}: ${result.checks.join(', ')}`);
  const sections = [
    gating.length > 0 ? `\n${gating.length} finding${gating.length > 1 ? 's' : ''} that fail the gate:\n\n${gating.map(renderGatingGroup).join('\n\n')}` : '',
    warnings.length > 0 ? `\n${warnings.length} warning${warnings.length > 1 ? 's' : ''} (SHOULD: real-client expectations and conventions; they fail the gate only with --strict-clients):\n${warnings.map(renderWarningGroup).join('\n')}` : '',
    known.length > 0 ? `\n${known.join('\n')}` : '',
    preconditions.length > 0 ? `\n${preconditions.join('\n')}` : '',
    checkTable(stored) ? `\nFindings by check:\n${checkTable(stored)}` : '',
    summary.throttled > 0 ? `\nThe target throttled ${summary.throttled} time${summary.throttled > 1 ? 's' : ''} (429, waited out as Retry-After said and retried).` : '',
  ];
  return sections.filter(Boolean).join('\n');
}

/** PRECONDITION lines: tests skipped at load time (from their titles) and tests that found out while running. */
export function preconditionLines(results: AggregatedResult, stored: StoredResult[]): string[] {
  const atLoad = results.testResults
    .flatMap((file) => file.testResults)
    .flatMap((test) => {
      const match = test.status === 'pending' ? PRECONDITION_TITLE.exec(test.title) : null;
      return match ? [`PRECONDITION ${test.title.replace(PRECONDITION_TITLE, '').trim()}: ${match[1]}`] : [];
    });
  const whileRunning = stored.filter((result) => result.verdict === 'precondition').map((result) => `PRECONDITION ${result.id}: ${result.preconditionReason}`);
  return [...atLoad, ...whileRunning];
}
