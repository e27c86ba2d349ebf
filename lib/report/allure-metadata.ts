import * as fs from 'node:fs';
import * as path from 'node:path';
import { allureResultsDir, type RunInfo } from './run';

/**
 * environment.properties beside the run's Allure results: the report's environment widget (no secrets: no
 * profile values). The categories live in allurerc.mjs, where Allure 3 reads them.
 */
export function writeAllureEnvironment(info: RunInfo): void {
  const dir = allureResultsDir(info.runId);
  fs.mkdirSync(dir, { recursive: true });
  const environment = {
    target: info.target,
    profile: info.profile,
    seed: info.seed,
    strictness: `${info.strict ? 'strict (errata off)' : 'errata applied'}; ${info.strictClients ? 'real-client expectations gate' : 'real-client expectations advisory'}`,
    runId: info.runId,
  };
  fs.writeFileSync(path.join(dir, 'environment.properties'), Object.entries(environment).map(([key, value]) => `${key}=${value}`).join('\n') + '\n');
}
