import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fromRoot, reportsDir } from '../lib/paths';
import { ConfigurationError } from '../lib/target/profile';
import { nearest } from './options';

/** One jest test of the conformance project, and the file that registers it. */
export interface TestEntry {
  id: string;
  operationId: string;
  tag: string;
  /** Relative to the project root. */
  file: string;
}

const SOURCE_DIRS = ['lib', 'suites', 'properties'];
const SOURCE_FILES = ['openapi.yaml', 'openapi.errata.yaml'];
const INDEX_FILE = fromRoot('node_modules', '.cache', 'flecs-console-conformance', 'test-index.json');

const sourcesUnder = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourcesUnder(full) : /\.(ts|ya?ml|json)$/.test(entry.name) ? [full] : [];
  });

/** What the test ids are made of: the suites, properties, harness and contract (hashing them takes milliseconds). */
function sourceHash(strict: boolean): string {
  const hash = createHash('sha256').update(String(strict));
  for (const file of [...SOURCE_DIRS.flatMap((dir) => sourcesUnder(fromRoot(dir))), ...SOURCE_FILES.map((file) => fromRoot(file))].sort()) {
    hash.update(file).update(fs.readFileSync(file));
  }
  return hash.digest('hex');
}

/** Loads every test file's definitions in this process (no jest), noting which file defined which test. */
function buildIndex(): TestEntry[] {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only when the cached index is stale */
  const { collectWithoutRegistering, definedSuites } = require('../lib/scenario/define') as typeof import('../lib/scenario/define');
  const { definedProperties } = require('../lib/property/define') as typeof import('../lib/property/define');
  const { suiteFiles, SUITES_DIR, PROPERTIES_DIR } = require('../lib/scenario/collect') as typeof import('../lib/scenario/collect');
  const { scenarioId } = require('../lib/scenario/types') as typeof import('../lib/scenario/types');
  const { propertyId } = require('../lib/property/types') as typeof import('../lib/property/types');
  const { contractIndex } = require('../lib/spec/contract') as typeof import('../lib/spec/contract');
  /* eslint-enable @typescript-eslint/no-require-imports */
  collectWithoutRegistering();
  const index = contractIndex();
  const entries: TestEntry[] = [];
  for (const file of [...suiteFiles(SUITES_DIR), ...suiteFiles(PROPERTIES_DIR)].sort()) {
    const suitesBefore = definedSuites().length;
    const propertiesBefore = definedProperties().length;
    require(file);
    const relative = path.relative(fromRoot(), file);
    const add = (id: string, operationId: string) => entries.push({ id, operationId, tag: index.operation(operationId).tag, file: relative });
    for (const suite of definedSuites().slice(suitesBefore)) for (const spec of suite.scenarios) add(scenarioId(spec), spec.operationId);
    for (const spec of definedProperties().slice(propertiesBefore)) add(propertyId(spec), spec.operationId);
  }
  return entries;
}

/** Every test of the conformance project, from a cache keyed by the hash of what defines them. */
export function testIndex(strict: boolean): TestEntry[] {
  const key = sourceHash(strict);
  try {
    const cached = JSON.parse(fs.readFileSync(INDEX_FILE, 'utf8')) as { key: string; entries: TestEntry[] };
    if (cached.key === key) return cached.entries;
  } catch {
    // no cache yet, or an unreadable one: build it
  }
  const entries = buildIndex();
  fs.mkdirSync(path.dirname(INDEX_FILE), { recursive: true });
  fs.writeFileSync(INDEX_FILE, JSON.stringify({ key, entries }));
  return entries;
}

/** What one --only/--exclude term selects: an operationId, a tag (any case), or part of a test id (any case). */
function matching(entries: TestEntry[], term: string): TestEntry[] {
  const lower = term.toLowerCase();
  const byOperation = entries.filter((entry) => entry.operationId === term);
  if (byOperation.length > 0) return byOperation;
  const byTag = entries.filter((entry) => entry.tag.toLowerCase() === lower);
  if (byTag.length > 0) return byTag;
  return entries.filter((entry) => entry.id.toLowerCase().includes(lower));
}

/** The nearest operationId, tag or test id to a term that matched nothing. */
const nearMiss = (entries: TestEntry[], term: string): string | undefined => nearest(term, [...new Set(entries.flatMap((entry) => [entry.operationId, entry.tag, entry.id]))]);

export function select(entries: TestEntry[], only: string[], exclude: string[], flagOf: (term: string) => string): TestEntry[] {
  const check = (term: string, found: TestEntry[]) => {
    if (found.length > 0) return;
    const near = nearMiss(entries, term);
    throw new ConfigurationError(`${flagOf(term)} "${term}" matches no test${near ? `; did you mean "${near}"?` : ''} (--list shows every test id)`);
  };
  let chosen = entries;
  if (only.length > 0) {
    const wanted = new Set<TestEntry>();
    for (const term of only) {
      const found = matching(entries, term);
      check(term, found);
      found.forEach((entry) => wanted.add(entry));
    }
    chosen = entries.filter((entry) => wanted.has(entry));
  }
  for (const term of exclude) {
    const found = matching(entries, term);
    check(term, found);
    chosen = chosen.filter((entry) => !found.includes(entry));
  }
  return chosen;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The chosen tests as jest arguments: their files by path (jest loads nothing else) and, when only part
 * of a file is chosen, a name pattern of exactly those ids (a skipped test's title adds its PRECONDITION).
 */
export function jestSelection(all: TestEntry[], chosen: TestEntry[]): { files: string[]; testNamePattern?: string } {
  const files = [...new Set(chosen.map((entry) => entry.file))];
  const whole = files.every((file) => all.filter((entry) => entry.file === file).length === chosen.filter((entry) => entry.file === file).length);
  return {
    files: files.map((file) => fromRoot(file)),
    testNamePattern: whole ? undefined : `(?:${chosen.map((entry) => escapeRegExp(entry.id)).join('|')})(?: \\[PRECONDITION: .*\\])?$`,
  };
}

/** Where a run leaves the ids of its failed tests, for --last-failed. */
export const lastFailedFile = (): string => path.join(reportsDir(), 'last-failed.json');

export function readLastFailed(): string[] {
  try {
    return JSON.parse(fs.readFileSync(lastFailedFile(), 'utf8')) as string[];
  } catch {
    return [];
  }
}

export function writeLastFailed(ids: string[]): void {
  fs.mkdirSync(path.dirname(lastFailedFile()), { recursive: true });
  fs.writeFileSync(lastFailedFile(), JSON.stringify(ids, null, 2));
}
