import * as fs from 'node:fs';
import * as path from 'node:path';
import { reportsDir } from '../lib/paths';
import { allRunnables, runAll } from '../lib/scenario/collect';
import { renderFailures } from '../lib/scenario/render';
import { createTarget } from '../lib/target/target';
import { startVariantServer } from './support/variant-server';

/** No false positives: a correct server unlike the reference in every way the contract allows passes everything. */
test('the variant server passes every scenario and property', async () => {
  const variant = await startVariantServer();
  try {
    const target = await createTarget({ baseUrl: variant.url, profile: variant.profile, config: { runId: `variant${Date.now().toString(36)}` }, embedded: true });
    const results = await runAll(allRunnables(), target);
    const findings = results.filter((result) => result.failures.length > 0).length;
    fs.mkdirSync(reportsDir(), { recursive: true });
    fs.writeFileSync(
      path.join(reportsDir(), 'no-false-positives.md'),
      `# No false positives\n\nVariant server (test/support/variant-server.ts, profile fixtures/targets/variant.json): ${results.length} scenarios and properties, ${findings === 0 ? 'green (no finding at all)' : `${findings} with findings`}.\n`,
    );
    expect(results.filter((result) => result.failures.length > 0).map((result) => `${result.id}\n${renderFailures(result.failures)}`)).toEqual([]);
    expect(results.filter((result) => result.verdict === 'precondition').map((result) => result.id)).toEqual([]);
  } finally {
    await variant.close();
  }
}, 180_000);
