import * as fs from 'node:fs';
import { BUDGET_FILE_VARIABLE } from './budget';
import { finishRunRecording } from '../har/record';

/**
 * The global setup's temporary file (also removed by a run that ends at its deadline, without a teardown).
 * The contract cache stays: it is kept between runs in node_modules/.cache.
 */
export function removeRunFiles(): void {
  const budget = process.env[BUDGET_FILE_VARIABLE];
  if (budget) fs.rmSync(budget, { force: true });
}

/** Jest global teardown of the conformance project: stops the embedded server, removes the run's budget file. */
export default async function globalTeardown(): Promise<void> {
  removeRunFiles();
  await finishRunRecording();
  await globalThis.__CONSOLE_EMBEDDED_SERVER__?.close();
  globalThis.__CONSOLE_EMBEDDED_SERVER__ = undefined;
}
