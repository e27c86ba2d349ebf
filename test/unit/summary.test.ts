import type { AggregatedResult } from '@jest/test-result';
import { cap, type Failure } from '../../lib/checks/types';
import type { Outcome } from '../../lib/report/outcome';
import { storedResult, type StoredResult } from '../../lib/report/results';
import { groupFindings, renderClosing, summarize, summaryLine } from '../../lib/report/summary';
import type { ScenarioResult } from '../../lib/scenario/types';

const failure = (overrides: Partial<Failure>): Failure => ({
  check: 'error_body_consistency', operationId: 'post-api-v2-tokens', status: 403, strength: 'MUST', requirement: 'r', basis: ['erratum undocumented-4xx'],
  expected: 'a non-empty reason', actual: 'reason absent', ...overrides,
});
const result = (id: string, failures: Failure[], gating = failures.filter((f) => f.strength === 'MUST'), verdict = gating.length ? 'fail' : 'pass'): StoredResult =>
  storedResult({ id, operationId: 'post-api-v2-tokens', status: 403, title: id, strength: 'MUST', verdict, failures, gating, observedStatuses: [], exchanges: [], durationMs: 1 } as ScenarioResult, { status: verdict === 'fail' ? 'failed' : 'passed' } as Outcome);
const jestRun = (tests: Array<{ title: string; status: string }>): AggregatedResult =>
  ({ numTotalTests: tests.length, numPassedTests: tests.filter((t) => t.status === 'passed').length, numFailedTests: tests.filter((t) => t.status === 'failed').length, testResults: [{ testResults: tests }] }) as unknown as AggregatedResult;

test('one cause on many tests and operations is one block that counts them', () => {
  const stored = [result('a', [failure({})]), result('b', [failure({ operationId: 'get-api-v2-products', status: 400 })]), result('c', [failure({ actual: 'statusCode 200' })])];
  const groups = groupFindings(stored, true);
  expect(groups.map((group) => [group.tests, group.operations])).toEqual([[['a', 'b'], ['post-api-v2-tokens', 'get-api-v2-products']], [['c'], ['post-api-v2-tokens']]]);
  const text = renderClosing(stored, summarize(jestRun([{ title: 'a', status: 'failed' }]), stored), []);
  expect(text.match(/^\[error_body_consistency\]/gm)).toHaveLength(2);
  expect(text).toContain('and 1 more operation — 2 tests, first a');
});

test('the closing line counts warnings and preconditions; a warning is one line', () => {
  const stored = [result('warned', [failure({ strength: 'SHOULD', check: 'metadata_key' })]), result('clean', [])];
  const tests = [{ title: 'warned', status: 'passed' }, { title: 'clean', status: 'passed' }, { title: 'x [PRECONDITION: the profile lacks secondUser]', status: 'pending' }, { title: 'deselected', status: 'pending' }];
  const summary = summarize(jestRun(tests), stored);
  expect(summaryLine(summary)).toBe('3 tests, 2 passed, 0 known, 0 failed, 1 warnings, 1 preconditions, 0 flaky');
  expect(renderClosing(stored, summary, []).split('\n').filter((line) => line.startsWith('SHOULD'))).toHaveLength(1);
});

test('every value is capped and says how much was left out', () => {
  const huge = 'x'.repeat(2 * 1024 * 1024);
  expect(cap(huge)).toMatch(/… 2095152 bytes more$/);
  const stored = result('big', [failure({ actual: huge, expected: huge })]);
  expect(JSON.stringify(stored).length).toBeLessThan(10_000);
});

test('an expectation whose actual value is nothing records text, never crashes the settling of its test', async () => {
  const { ScenarioContext } = await import('../../lib/scenario/context');
  const t = new ScenarioContext({ config: { excludeChecks: [] } } as never, 'post-api-v2-auth-login', 'SHOULD', ['real-clients 22']);
  t.expect('positive_data_acceptance', false, 'data.jwt.token', JSON.stringify(undefined) as unknown as string);
  expect(() => result('nothing', t.failures)).not.toThrow();
  expect(t.failures[0].actual).toBe('undefined');
});
