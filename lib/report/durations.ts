import * as fs from 'node:fs';
import * as path from 'node:path';
import { fromRoot } from '../paths';

/**
 * Recorded durations of the suite's test files (ms, by path relative to the project root): shards are cut by
 * time, not by file count. `npm run durations` refreshes fixtures/durations.json from a full run.
 */
export const DURATIONS_FILE = fromRoot('fixtures', 'durations.json');

export type Durations = Record<string, number>;

export function loadDurations(file = DURATIONS_FILE): Durations {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Durations) : {};
}

/** The relative, slash-separated key of a test file. */
export const durationKey = (root: string, file: string): string => path.relative(root, file).split(path.sep).join('/');

/**
 * Longest first, each to the least loaded shard (ties: the lower shard): deterministic, so every machine of
 * a CI matrix cuts the same shards. A file without a recorded duration (new, renamed) weighs the median.
 */
export function balancedShards<T>(items: T[], weightOf: (item: T) => number | undefined, keyOf: (item: T) => string, shardCount: number): T[][] {
  const known = items.map(weightOf).filter((weight): weight is number => weight !== undefined).sort((a, b) => a - b);
  const fallback = known.length > 0 ? known[Math.floor(known.length / 2)] : 1;
  const weighted = items
    .map((item) => ({ item, weight: weightOf(item) ?? fallback, key: keyOf(item) }))
    .sort((a, b) => b.weight - a.weight || a.key.localeCompare(b.key));
  const shards = Array.from({ length: shardCount }, () => ({ load: 0, items: [] as T[] }));
  for (const { item, weight } of weighted) {
    const lightest = shards.reduce((best, shard) => (shard.load < best.load ? shard : best));
    lightest.items.push(item);
    lightest.load += weight;
  }
  return shards.map((shard) => shard.items);
}
