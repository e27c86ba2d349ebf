import * as fs from 'node:fs';
import { CONTRACT_CACHE_VARIABLE } from '../spec/contract';

/** Jest global teardown of the conformance project: stops the embedded server, removes the contract cache. */
export default async function globalTeardown(): Promise<void> {
  const cache = process.env[CONTRACT_CACHE_VARIABLE];
  if (cache) fs.rmSync(cache, { force: true });
  await globalThis.__CONSOLE_EMBEDDED_SERVER__?.close();
  globalThis.__CONSOLE_EMBEDDED_SERVER__ = undefined;
}
