import { allRunnables } from '../lib/scenario/collect';
import { renderFailures } from '../lib/scenario/render';
import { startTarget, type RunningTarget } from '../test/support/servers';
import { operationFingerprints } from './fingerprint';
import { MUTATION_PROPERTY_RUNS, MUTATION_TIMEOUT_MS } from './settings';

// Every scenario and property is one jest test, so Stryker's per-test coverage maps each mutant to the
// scenarios whose requests reach its code, and runs only those against it.
const runnables = allRunnables(MUTATION_PROPERTY_RUNS);
const fingerprint = operationFingerprints();

let running: RunningTarget;
beforeAll(async () => {
  running = await startTarget({ config: { timeoutMs: MUTATION_TIMEOUT_MS } });
});
afterAll(() => running.server.close());

// A mutant is killed by any finding, SHOULD included: the clean reference server has none at all.
test.each(runnables.map((runnable) => [`${runnable.id} #${fingerprint(runnable.operationId)}`, runnable] as const))('%s', async (_name, runnable) => {
  const result = await runnable.run(running.target);
  expect(renderFailures(result.failures)).toBe('');
  expect(result.verdict).toBe('pass');
});
