import * as fs from 'node:fs';
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

export const expectationsFile = (profileName: string): string => fromRoot('fixtures', 'targets', `${profileName}.expectations.yaml`);

const cache = new Map<string, Expectation[]>();
export function loadExpectations(profileName: string): Expectation[] {
  let entries = cache.get(profileName);
  if (entries) return entries;
  const file = expectationsFile(profileName);
  entries = fs.existsSync(file) ? (((require('yaml') as typeof import('yaml')).parse(fs.readFileSync(file, 'utf8')) ?? []) as Expectation[]) : [];
  entries.forEach((entry, i) => {
    if (typeof entry?.test !== 'string' || typeof entry.check !== 'string' || entry.expected !== 'FAIL' || typeof entry.bug !== 'string') {
      throw new ConfigurationError(`${file} entry #${i}: needs test, check, expected: FAIL and bug`);
    }
  });
  cache.set(profileName, entries);
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
