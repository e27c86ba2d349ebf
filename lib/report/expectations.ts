import * as fs from 'node:fs';
import * as path from 'node:path';
import { fromRoot } from '../paths';
import type { ScenarioResult } from '../scenario/types';
import { ConfigurationError } from '../target/profile';

/** A known deviation of one server: data, never a skip (wptrunner metadata). */
export interface Expectation {
  test: string;
  check: string;
  expected: 'FAIL';
  bug: string;
}

/** `--expectations FILE`: a staging team keeps its server's known deviations in its own repository. */
export const EXPECTATIONS_VARIABLE = 'CONSOLE_EXPECTATIONS';

/** The known deviations of a run: CONSOLE_EXPECTATIONS, else fixtures/targets/<profile name>.expectations.yaml (if any). */
export const expectationsFile = (profileName: string, env: NodeJS.ProcessEnv = process.env): string =>
  env[EXPECTATIONS_VARIABLE] ? path.resolve(env[EXPECTATIONS_VARIABLE]) : fromRoot('fixtures', 'targets', `${profileName}.expectations.yaml`);

const cache = new Map<string, Expectation[]>();
/** An expectations file named on purpose (mustExist) that is missing is a configuration error, not "no deviations". */
export function loadExpectations(file: string, mustExist = Boolean(process.env[EXPECTATIONS_VARIABLE])): Expectation[] {
  let entries = cache.get(file);
  if (entries) return entries;
  if (mustExist && !fs.existsSync(file)) throw new ConfigurationError(`expectations file ${file} does not exist (${EXPECTATIONS_VARIABLE}, --expectations)`);
  let parsed: unknown;
  try {
    parsed = fs.existsSync(file) ? (require('yaml') as typeof import('yaml')).parse(fs.readFileSync(file, 'utf8')) : [];
  } catch (error) {
    throw new ConfigurationError(`${file} is not YAML: ${(error as Error).message}`);
  }
  if (parsed !== null && !Array.isArray(parsed)) throw new ConfigurationError(`${file}: needs a list of entries`);
  entries = (parsed ?? []) as Expectation[];
  entries.forEach((entry, i) => {
    if (typeof entry?.test !== 'string' || typeof entry.check !== 'string' || entry.expected !== 'FAIL' || typeof entry.bug !== 'string') {
      throw new ConfigurationError(`${file} entry #${i}: needs test, check, expected: FAIL and bug`);
    }
  });
  cache.set(file, entries);
  return entries;
}

export interface Settled {
  result: ScenarioResult;
  /** Entries whose failure did not happen: the run turns red until they are removed. */
  unexpectedPasses: Expectation[];
}

/** Known failures stop gating (verdict KNOWN); a known failure that no longer happens is an unexpected pass. */
export function applyExpectations(result: ScenarioResult, expectations: Expectation[]): Settled {
  const mine = expectations.filter((entry) => entry.test === result.id);
  if (mine.length === 0 || result.verdict === 'precondition') return { result, unexpectedPasses: [] };
  const isKnown = (check: string) => mine.some((entry) => entry.check === check);
  const gating = result.gating.filter((failure) => !isKnown(failure.check));
  const knownCount = result.gating.length - gating.length;
  const failedChecks = new Set(result.failures.map((failure) => failure.check));
  return {
    result: { ...result, gating, verdict: gating.length > 0 ? 'fail' : knownCount > 0 ? 'known' : result.verdict },
    unexpectedPasses: mine.filter((entry) => !failedChecks.has(entry.check)),
  };
}
