import * as fs from 'node:fs';
import * as path from 'node:path';
import { coverageFile } from './coverage-record';
import { fromRoot } from '../paths';
import { finishJUnit } from './junit';
import { matrixRun, writeMatrix } from './matrix';
import { readRunResults, readShardResults } from './results';
import type { Durations } from './durations';
import { clearOtherRuns, publishedJUnitFile, resultsFile, runDir, runDurationsFile, runInfoFile, runJUnitFile, runShards, shardLabel, writeRunInfo, type RunInfo } from './run';

/** jest-junit's raw file, finished by publishRun (lib/report/junit.ts). */
const rawJUnitName = (shard = shardLabel()): string => `junit-raw-${shard}.xml`;

/** The jest-junit reporter entry of a run: one testsuite per file, raw, into the run's folder. */
export const junitReporter = (runId: string): [string, Record<string, string>] => [
  'jest-junit',
  { outputDirectory: runDir(runId), outputName: rawJUnitName(), suiteNameTemplate: '{filename}', classNameTemplate: '{classname}', titleTemplate: '{title}', reportTestSuiteErrors: 'true' },
];

/** The reporters of a run: the console's findings and the raw JUnit (runCLI's typings know only reporter names; jest takes [name, options] too). */
export const runReporters = (runId: string): string[] => [fromRoot('lib', 'report', 'console-reporter.ts'), junitReporter(runId)] as unknown as string[];

/** A run that selected nothing leaves nothing behind: its shard's files go, and its folder if no other shard finished. */
export function discardShard(runId: string): void {
  for (const file of [resultsFile(runId), runJUnitFile(runId), runInfoFile(runId), runDurationsFile(runId), coverageFile(runId), path.join(runDir(runId), rawJUnitName())]) fs.rmSync(file, { force: true });
  if (runShards(runId).length === 0) fs.rmSync(runDir(runId), { recursive: true, force: true });
}

export interface Published {
  junitFile: string;
  matrixFile: string;
}

/**
 * A run that produced results: its run information and file durations, its finished JUnit (in the run folder and where CI looks),
 * the previous runs' outputs removed (unless kept on purpose), and the matrix of the run's shards present here.
 */
export function publishRun(info: RunInfo, keepResults: boolean, durations: Durations): Published {
  writeRunInfo(info);
  fs.writeFileSync(runDurationsFile(info.runId, info.shard), JSON.stringify(durations, null, 2) + '\n');
  const raw = path.join(runDir(info.runId), rawJUnitName(info.shard));
  const junit = finishJUnit(fs.readFileSync(raw, 'utf8'), readShardResults(info.runId, info.shard));
  fs.writeFileSync(runJUnitFile(info.runId, info.shard), junit);
  fs.writeFileSync(publishedJUnitFile(info.shard), junit);
  fs.rmSync(raw, { force: true });
  if (!keepResults) clearOtherRuns(info.runId);
  const { results } = readRunResults(info.runId);
  return {
    junitFile: publishedJUnitFile(info.shard),
    matrixFile: writeMatrix(results, matrixRun(runShards(info.runId), results.length)),
  };
}
