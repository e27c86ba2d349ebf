import * as fs from 'node:fs';
import Ajv from 'ajv';
import type { Failure } from '../lib/checks/types';
import { fromRoot } from '../lib/paths';
import { allRunnables, type Runnable } from '../lib/scenario/collect';
import { renderFailures } from '../lib/scenario/render';
import type { ScenarioResult } from '../lib/scenario/types';
import { createTarget, type Target } from '../lib/target/target';
import { startIndependentServer } from './support/independent-server';
import { loadSeed } from './support/independent-server/state';

/** Bounds of the SHOULD list printed: the run must stay readable. */
const MAX_SHOULD_LINES = 60;
const MAX_LINE = 200;

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

/** Every manifest the independent server serves validates against the schema of its _schemaVersion. */
test('the independent data serves only manifests valid against their schema version', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const problems = loadSeed().apps.flatMap((app) =>
    app.versions.flatMap((entry) =>
      entry.manifests.flatMap((manifest) => {
        const schema = JSON.parse(fs.readFileSync(fromRoot('fixtures', 'manifest-schemas', manifest._schemaVersion, 'manifest.schema.json'), 'utf8')) as object;
        const valid = ajv.validate(schema, manifest);
        const identity = manifest.app === app.app && manifest.version === entry.version;
        return valid && identity ? [] : [`${app.app} ${entry.version} (${manifest._schemaVersion}): ${identity ? ajv.errorsText() : 'app/version differ'}`];
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
    if (distinct.length > 0) {
      const shown = distinct.slice(0, MAX_SHOULD_LINES).join('\n');
      const more = distinct.length > MAX_SHOULD_LINES ? `\n… and ${distinct.length - MAX_SHOULD_LINES} more` : '';
      console.log(`SHOULD findings against the independent server (expected: it reads these otherwise):\n${shown}${more}`);
    }
    expect(crashes).toEqual([]);
    const must = results.filter((result) => result.failures.some((failure) => failure.strength === 'MUST'));
    expect(must.map((result) => `${result.id}\n${renderFailures(result.failures.filter((failure) => failure.strength === 'MUST'))}`.slice(0, 4000))).toEqual([]);
  } finally {
    await server.close();
  }
}, 300_000);
