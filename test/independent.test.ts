import { manifestProblems } from '../lib/checks/manifest';
import type { Failure } from '../lib/checks/types';
import { allRunnables, type Runnable } from '../lib/scenario/collect';
import { renderFailures } from '../lib/scenario/render';
import type { ScenarioResult } from '../lib/scenario/types';
import { createTarget, type Target } from '../lib/target/target';
import { startIndependentServer } from './support/independent-server';
import { loadSeed } from './support/independent-server/state';

/** Bounds of the SHOULD list printed: the run must stay readable. */
const MAX_SHOULD_LINES = 60;
const MAX_LINE = 200;
/** One MUST block (the failures of one test, curl lines included) at most this long. */
const MAX_BLOCK = 2000;
const MAX_MUST_BLOCKS = 40;

const bounded = (lines: string[], max: number): string[] => (lines.length > max ? [...lines.slice(0, max), `… and ${lines.length - max} more`] : lines);

/** One after another, as runAll does; a runnable that throws is reported, not allowed to end the whole run. */
async function runEach(runnables: Runnable[], target: Target): Promise<{ results: ScenarioResult[]; crashes: string[] }> {
  const results: ScenarioResult[] = [];
  const crashes: string[] = [];
  for (const runnable of runnables) {
    try {
      results.push(await runnable.run(target));
    } catch (error) {
      crashes.push(`${runnable.id}: threw ${String((error as Error)?.message ?? error).slice(0, MAX_LINE)}`);
    }
  }
  return { results, crashes };
}

const shouldLine = (id: string, failure: Failure): string => `${id} | ${failure.check}`.slice(0, MAX_LINE);

/** Every manifest the independent server serves validates against the schema of its _schemaVersion and names its app and version. */
test('the independent data serves only manifests valid against their schema version', () => {
  const problems = loadSeed().apps.flatMap((app) =>
    app.versions.flatMap((entry) =>
      entry.manifests.flatMap((manifest) => {
        const identity = manifest.app === app.app && manifest.version === entry.version ? [] : ['app/version differ'];
        return [...manifestProblems(manifest), ...identity].map((problem) => `${app.app} ${entry.version} (${manifest._schemaVersion}): ${problem}`);
      }),
    ),
  );
  expect(problems).toEqual([]);
});

/**
 * A second correct reading of the contract: written from openapi.yaml alone, taking the other choice
 * wherever the contract is silent or loose. No MUST finding may stand against it; SHOULD findings
 * (real-client expectations it deliberately reads otherwise) are listed, one line each.
 */
test('the independent server has no MUST finding in any scenario or property', async () => {
  const server = await startIndependentServer();
  try {
    const target = await createTarget({ baseUrl: server.url, profile: server.profile, config: { runId: `indep${Date.now().toString(36)}` }, embedded: true });
    const { results, crashes } = await runEach(allRunnables(), target);
    const should = results.flatMap((result) => result.failures.filter((failure) => failure.strength === 'SHOULD').map((failure) => shouldLine(result.id, failure)));
    const distinct = [...new Set(should)];
    if (distinct.length > 0) console.log(`SHOULD findings against the independent server (expected: it reads these otherwise):\n${bounded(distinct, MAX_SHOULD_LINES).join('\n')}`);
    const must = results
      .filter((result) => result.failures.some((failure) => failure.strength === 'MUST'))
      .map((result) => `${result.id}\n${renderFailures(result.failures.filter((failure) => failure.strength === 'MUST'))}`.slice(0, MAX_BLOCK));
    expect({ crashes, must: bounded(must, MAX_MUST_BLOCKS) }).toEqual({ crashes: [], must: [] });
  } finally {
    await server.close();
  }
}, 300_000);
