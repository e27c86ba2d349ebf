import * as fs from 'node:fs';
import { CONTRACT_CACHE_VARIABLE } from '../spec/contract';
import { BUDGET_FILE_VARIABLE } from './budget';

/** The global setup's temporary files (also removed by a run that ends at its deadline, without a teardown). */
export function removeRunFiles(): void {
  for (const file of [process.env[CONTRACT_CACHE_VARIABLE], process.env[BUDGET_FILE_VARIABLE]]) if (file) fs.rmSync(file, { force: true });
}

/** Jest global teardown of the conformance project: stops the embedded server, removes the contract cache. */
export default async function globalTeardown(): Promise<void> {
  removeRunFiles();
  await globalThis.__CONSOLE_EMBEDDED_SERVER__?.close();
  globalThis.__CONSOLE_EMBEDDED_SERVER__ = undefined;
}
