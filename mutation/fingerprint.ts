import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fromRoot } from '../lib/paths';

/** Code and data every scenario's verdict depends on, besides its own test files. */
const SHARED = ['lib', 'mutation/settings.ts', 'openapi.yaml', 'openapi.errata.yaml', 'fixtures/reference', 'fixtures/targets/reference.json', 'test/support/servers.ts', 'suites/unprovokable.yaml'];
/** Where the test files of operations live (suites/<tag>/<operationId>.test.ts, properties/<operationId>.*.prop.test.ts). */
const TEST_DIRS = ['suites', 'properties'];

function filesBelow(entry: string): string[] {
  const full = fromRoot(entry);
  if (!fs.statSync(full).isDirectory()) return [entry];
  return fs.readdirSync(full).sort().flatMap((name) => filesBelow(path.join(entry, name)));
}

const hash = (files: string[]): string => {
  const digest = createHash('sha256');
  for (const file of files) digest.update(file).update('\0').update(fs.readFileSync(fromRoot(file))).update('\0');
  return digest.digest('hex');
};

/**
 * A short hash per operation of the code its tests run: the shared code and the test files that name the
 * operation. Stryker's incremental mode knows a test by its name and location only, and every test here
 * sits on one line of mutation/suite.test.ts: with the fingerprint in its name, a changed scenario (or
 * check) is a new test, so the mutants it covers are tested again instead of reusing a stale result.
 */
export function operationFingerprints(): (operationId: string) => string {
  const shared = hash(SHARED.flatMap(filesBelow));
  const testFiles = TEST_DIRS.flatMap(filesBelow).filter((file) => file.endsWith('.test.ts'));
  const sources = new Map(testFiles.map((file) => [file, fs.readFileSync(fromRoot(file), 'utf8')]));
  return (operationId) => {
    const own = testFiles.filter((file) => sources.get(file)!.includes(`'${operationId}'`));
    return createHash('sha256').update(shared).update(hash(own)).digest('hex').slice(0, 8);
  };
}
