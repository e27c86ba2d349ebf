import { allScenarios } from '../../lib/scenario/collect';
import { renderFailures } from '../../lib/scenario/render';
import { cleanBaseline, faultsOfShard, relevantScenarios, runFault, writeShard, type Baseline, type FaultOutcome } from './matrix';

/** The body of one shard file: the clean server is green, then every fault of the shard is caught by its check. */
export function faultMatrixShard(shard: number): void {
  const scenarios = allScenarios();
  const outcomes: FaultOutcome[] = [];
  let baseline: Baseline;

  beforeAll(async () => {
    baseline = await cleanBaseline(scenarios);
  }, 120_000);

  afterAll(() => writeShard(shard, outcomes));

  test('the clean reference server passes every scenario without a single finding', () => {
    const findings = baseline.results.filter((result) => result.failures.length > 0);
    expect(findings.map((result) => `${result.id}\n${renderFailures(result.failures)}`)).toEqual([]);
    expect(baseline.results.filter((result) => result.verdict === 'precondition').map((result) => result.id)).toEqual([]);
  });

  test.each(faultsOfShard(shard))('fault %s is detected by the check it declares', async (fault) => {
    const outcome = await runFault(fault, relevantScenarios(fault, scenarios, baseline));
    outcomes.push(outcome);
    expect({ fault, verdict: outcome.verdict, detectedBy: Object.keys(outcome.detectedBy) }).toEqual({
      fault,
      verdict: 'detected',
      detectedBy: expect.arrayContaining([outcome.expectedCheck]),
    });
  }, 120_000);
}
