import * as os from 'node:os';
import * as path from 'node:path';
import { startServer, type RunningServer } from '../../server';
import { CONTRACT_CACHE_VARIABLE, writeContractCache } from '../spec/contract';
import { ERRATA_VARIABLE, loadErrata } from '../spec/errata';
import { BUDGET_FILE_VARIABLE } from './budget';
import { readConfig } from './config';
import { probeTarget } from './probe';
import { loadProfile, REFERENCE_PROFILE_FILE } from './profile';
import { writeAllureEnvironment } from '../report/allure-metadata';
import { runInfo } from '../report/run';

declare global {
  // eslint-disable-next-line no-var -- the embedded server lives from global setup to global teardown
  var __CONSOLE_EMBEDDED_SERVER__: RunningServer | undefined;
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
  // Validated and dereferenced once for the whole run; every test file reads the result.
  const cache = path.join(os.tmpdir(), `flecs-console-contract-${config.runId}-${process.pid}.json`);
  await writeContractCache(cache, config.strict);
  process.env[CONTRACT_CACHE_VARIABLE] = cache;
  process.env[ERRATA_VARIABLE] = JSON.stringify(loadErrata());
  process.env[BUDGET_FILE_VARIABLE] = path.join(os.tmpdir(), `flecs-console-budget-${config.runId}-${process.pid}.json`);
  const problem = await probeTarget(config.baseUrl!, config.timeoutMs);
  if (problem) throw new Error(problem);
  writeAllureEnvironment(runInfo(config, loadProfile(config.profileFile ?? REFERENCE_PROFILE_FILE).name, process.env.CONSOLE_EMBEDDED === '1'));
}
