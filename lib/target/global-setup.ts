import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startServer, type RunningServer } from '../../server';
import { fromRoot } from '../paths';
import { CONTRACT_CACHE_VARIABLE, CONTRACT_FILE, writeContractCache } from '../spec/contract';
import { ERRATA_FILE, ERRATA_VARIABLE, loadErrata } from '../spec/errata';
import { BUDGET_FILE_VARIABLE } from './budget';
import { readConfig } from './config';
import { probeTarget } from './probe';
import { loadProfile, REFERENCE_PROFILE_FILE } from './profile';
import { writeAllureEnvironment } from '../report/allure-metadata';
import { runInfo } from '../report/run';
import { startRunRecording } from '../har/record';

declare global {
  // eslint-disable-next-line no-var -- the embedded server lives from global setup to global teardown
  var __CONSOLE_EMBEDDED_SERVER__: RunningServer | undefined;
}

/**
 * The validated, dereferenced contract is kept between runs (node_modules/.cache, like jest's transforms),
 * keyed by the hash of what makes it: the contract, its errata, the code that applies them, the mode.
 */
function contractCacheFile(strict: boolean): string {
  const hash = createHash('sha256').update(String(strict));
  const specDir = fromRoot('lib', 'spec');
  for (const file of [CONTRACT_FILE, ERRATA_FILE, ...fs.readdirSync(specDir).sort().map((name) => path.join(specDir, name))]) hash.update(fs.readFileSync(file));
  return fromRoot('node_modules', '.cache', 'flecs-console-conformance', `contract-${hash.digest('hex').slice(0, 16)}.json`);
}

/** Jest global setup of the conformance project: starts the embedded server unless a target is given. */
export default async function globalSetup(): Promise<void> {
  if (!process.env.CONSOLE_BASE_URL) {
    const server = await startServer();
    globalThis.__CONSOLE_EMBEDDED_SERVER__ = server;
    process.env.CONSOLE_BASE_URL = server.url;
    process.env.CONSOLE_PROFILE ||= REFERENCE_PROFILE_FILE;
    process.env.CONSOLE_EMBEDDED = '1';
  }
  const config = readConfig();
  process.env.CONSOLE_RUN_ID = config.runId;
  // Validated and dereferenced once (and kept while nothing it depends on changes); every test file reads it.
  const cache = contractCacheFile(config.strict);
  if (!fs.existsSync(cache)) {
    fs.mkdirSync(path.dirname(cache), { recursive: true });
    const partial = `${cache}.${process.pid}.tmp`;
    await writeContractCache(partial, config.strict);
    fs.renameSync(partial, cache);
  }
  process.env[CONTRACT_CACHE_VARIABLE] = cache;
  process.env[ERRATA_VARIABLE] = JSON.stringify(loadErrata());
  process.env[BUDGET_FILE_VARIABLE] = path.join(os.tmpdir(), `flecs-console-budget-${config.runId}-${process.pid}.json`);
  // The command line probed a live target already; the embedded server was just started here.
  if (process.env.CONSOLE_EMBEDDED !== '1' && process.env.CONSOLE_PROBED !== config.baseUrl) {
    const problem = await probeTarget(config.baseUrl!, config.timeoutMs);
    if (problem) throw new Error(problem);
  }
  startRunRecording();
  writeAllureEnvironment(runInfo(config, loadProfile(config.profileFile ?? REFERENCE_PROFILE_FILE).name, process.env.CONSOLE_EMBEDDED === '1'));
}
