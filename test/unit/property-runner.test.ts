import fc from 'fast-check';
import { runProperty, SHRINK_BUDGET } from '../../lib/property/runner';
import { PreconditionError, SetupError } from '../../lib/scenario/context';
import { loadProfile, REFERENCE_PROFILE_FILE } from '../../lib/target/profile';
import { createTarget } from '../../lib/target/target';
import type { PropertySpec } from '../../lib/property/types';

const spec = (run: PropertySpec<number>['run']): PropertySpec<number> => ({
  operationId: 'get-api-v2-products',
  invariant: 'self-test',
  requirement: 'r',
  basis: ['erratum undocumented-4xx'],
  provenBy: 'products-ignores-store-filter',
  arbitrary: () => fc.nat(),
  run,
});

const target = () => createTarget({ baseUrl: 'http://127.0.0.1:9', profile: loadProfile(REFERENCE_PROFILE_FILE), embedded: true });

test('a property none of whose runs could be made is PRECONDITION, not pass', async () => {
  const result = await runProperty(spec(async () => { throw new PreconditionError('budget spent'); }), await target(), { seed: 1, numRuns: 5 });
  expect({ verdict: result.verdict, reason: result.preconditionReason }).toEqual({ verdict: 'precondition', reason: 'budget spent' });
});

test('a failing property shrinks, keeps the failures of its smallest counterexample and prints it short', async () => {
  const result = await runProperty(
    spec(async (t, n) => {
      t.expect('store_filter', n < 10, 'n < 10', String(n));
    }),
    await target(),
    { seed: 1, numRuns: 50 },
  );
  expect(result.verdict).toBe('fail');
  expect(result.counterexample).toBe('10');
  expect(result.gating.map((failure) => failure.actual)).toEqual(['10']);
});

test("a generator whose setup fails is the property's finding, not a crash of the run", async () => {
  const failing: PropertySpec<number> = { ...spec(async () => undefined), arbitrary: () => { throw new SetupError('activating gave no session (403)'); } };
  const result = await runProperty(failing, await target(), { seed: 1, numRuns: 5 });
  expect({ verdict: result.verdict, checks: result.failures.map((failure) => failure.check) }).toEqual({ verdict: 'fail', checks: ['setup'] });
});

test('shrinking stops at its budget in runs and says so in the result', async () => {
  const result = await runProperty(
    { ...spec(async (t) => void t.expect('store_filter', false, 'never', 'always')), arbitrary: () => fc.array(fc.nat(), { minLength: 200, maxLength: 300 }) } as unknown as PropertySpec<number>,
    await target(),
    { seed: 1, numRuns: 25 },
  );
  expect(result.verdict).toBe('fail');
  expect(result.runs).toBeLessThanOrEqual(1 + SHRINK_BUDGET.runs);
  expect(result.shrinkNote).toMatch(/^shrinking stopped by its budget after 40 runs/);
});
