import { applyExpectations, type Expectation } from '../../lib/report/expectations';
import type { Failure } from '../../lib/checks/types';
import type { ScenarioResult } from '../../lib/scenario/types';

const failure = (check: string): Failure => ({ check, operationId: 'get-api-v2-products', strength: 'MUST', requirement: 'r', basis: ['erratum undocumented-4xx'], expected: 'e', actual: 'a' });
const result = (checks: string[]): ScenarioResult => {
  const failures = checks.map(failure);
  return { id: 'get-api-v2-products › 200 › t', operationId: 'get-api-v2-products', status: 200, title: 't', strength: 'MUST', verdict: failures.length ? 'fail' : 'pass', failures, gating: failures, observedStatuses: [200], exchanges: [], durationMs: 1 };
};
const known = (check: string): Expectation => ({ test: 'get-api-v2-products › 200 › t', check, expected: 'FAIL', bug: 'https://tracker.example/1' });

test('a listed failure reports KNOWN and no longer gates', () => {
  const { result: settled, unexpectedPasses } = applyExpectations(result(['store_filter']), [known('store_filter')]);
  expect(settled.verdict).toBe('known');
  expect(settled.gating).toEqual([]);
  expect(unexpectedPasses).toEqual([]);
});

test('a failure of another check still gates', () => {
  const { result: settled } = applyExpectations(result(['store_filter', 'pagination']), [known('store_filter')]);
  expect(settled.verdict).toBe('fail');
  expect(settled.gating.map((f) => f.check)).toEqual(['pagination']);
});

test('a listed failure that no longer happens is an unexpected pass', () => {
  const { result: settled, unexpectedPasses } = applyExpectations(result([]), [known('store_filter')]);
  expect(settled.verdict).toBe('pass');
  expect(unexpectedPasses).toEqual([known('store_filter')]);
});
