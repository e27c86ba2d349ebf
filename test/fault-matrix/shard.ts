import { allRunnables } from '../../lib/scenario/collect';
import { renderFailures } from '../../lib/scenario/render';
import { cleanBaseline, faultsOfShard, relevantRunnables, runFault, writeShard, type Baseline, type FaultOutcome } from './matrix';

/** The body of one shard file: the clean server is green, then every fault of the shard is caught by its check. */
export function faultMatrixShard(shard: number): void {
  // Fixed seed, no shrinking: the matrix needs to know a property goes red, not its smallest counterexample.
  const runnables = allRunnables({ seed: 42, numRuns: 25, shrink: false });
  const outcomes: FaultOutcome[] = [];
  let baseline: Baseline;

  beforeAll(async () => {
    baseline = await cleanBaseline(runnables);
  }, 120_000);

  afterAll(() => writeShard(shard, outcomes, baseline));

  test('the clean reference server passes every scenario and property without a single finding', () => {
    const findings = baseline.results.filter((result) => result.failures.length > 0);
    expect(findings.map((result) => `${result.id}\n${renderFailures(result.failures)}`)).toEqual([]);
    expect(baseline.results.filter((result) => result.verdict === 'precondition').map((result) => result.id)).toEqual([]);
  });

  test.each(faultsOfShard(shard))('fault %s is detected by the check it declares', async (fault) => {
    const outcome = await runFault(fault, relevantRunnables(fault, runnables, baseline));
    outcomes.push(outcome);
    // A property is proven by its fault: the fault's run must turn it red.
    const failing = new Set(Object.values(outcome.detectedBy).flat());
    const unproven = runnables.filter((runnable) => runnable.provenBy === fault && !failing.has(runnable.id)).map((runnable) => runnable.id);
    expect({ fault, unproven }).toEqual({ fault, unproven: [] });
    expect({ fault, verdict: outcome.verdict, detectedBy: Object.keys(outcome.detectedBy) }).toEqual({
      fault,
      verdict: 'detected',
      detectedBy: expect.arrayContaining([outcome.expectedCheck]),
    });
  }, 120_000);
}
