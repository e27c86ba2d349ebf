import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fromRoot, reportsDir } from '../paths';
import { writeAllureEnvironment } from '../report/allure-metadata';
import { readShardResults } from '../report/results';
import { runInfo } from '../report/run';
import { readConfig } from '../target/config';
import { configuredProfile } from '../target/target';
import type { TrafficCheck, TrafficGroup } from './traffic';

/** The checked traffic, handed from this process to the jest run that reports it (redacted: no secret on disk). */
export const TRAFFIC_FILE_VARIABLE = 'CONSOLE_TRAFFIC_FILE';

/** What the traffic exercised of the contract, as a scenario run's coverage is written (one shard's keys). */
async function writeTrafficCoverage(runId: string, covered: Set<string>, strict: boolean): Promise<string> {
  const { appendCoverage } = await import('../report/coverage-record');
  const { coverageLine, writeCoverage } = await import('../report/coverage');
  const { dereferencedContract } = await import('../spec/contract');
  appendCoverage(runId, [...covered]);
  const written = writeCoverage(runId, await dereferencedContract(strict));
  return `${written.file}: ${coverageLine(written.coverage)}`;
}

export function readTrafficGroups(file: string): TrafficGroup[] {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as TrafficGroup[];
}

/**
 * Reports checked traffic as a scenario run is reported: the jest project `har` registers one test per
 * operation × status and settles each; the run is published as a scenario run is (console, JUnit, Allure,
 * matrix). Returns the exit code (0, 1, 2).
 */
export async function reportTraffic(traffic: TrafficCheck, source: string): Promise<number> {
  const config = readConfig();
  process.env.CONSOLE_RUN_ID = config.runId;
  const groups = traffic.results();
  const summary = traffic.summaryLines();
  if (groups.length === 0) {
    for (const line of summary) console.log(line);
    console.error(`conformance: no exchange of ${source} addresses an operation of the contract: nothing to check`);
    return 2;
  }
  const file = path.join(os.tmpdir(), `flecs-console-traffic-${config.runId}-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify(groups));
  process.env[TRAFFIC_FILE_VARIABLE] = file;
  const info = { ...runInfo(config, configuredProfile(config).name, false), target: source };
  writeAllureEnvironment(info);
  const { runCLI } = await import('jest');
  const { publishRun, runReporters } = await import('../report/publish');
  const { summarize, summaryLine } = await import('../report/summary');
  try {
    const { results } = await runCLI(
      {
        _: [],
        $0: 'conformance',
        selectProjects: ['har'],
        runInBand: true,
        ci: process.env.CI === 'true',
        reporters: runReporters(config.runId),
      },
      [fromRoot()],
    );
    const run = summarize(results, readShardResults(config.runId));
    const published = publishRun(info, false, {});
    const coverage = await writeTrafficCoverage(config.runId, traffic.covered, config.strict);
    console.log('');
    for (const line of summary) console.log(line);
    console.log(`Checked ${traffic.checked} exchanges of ${source}.`);
    console.log(`Run ${config.runId}: ${reportsDir()}/runs/${config.runId}/ (npm run report renders it)\nConformance matrix: ${published.matrixFile}\nContract coverage: ${coverage}\nJUnit: ${published.junitFile}`);
    console.log(summaryLine(run));
    if (results.numFailedTestSuites > 0 && run.failed === 0) return 2;
    return run.failed > 0 ? 1 : 0;
  } finally {
    fs.rmSync(file, { force: true });
  }
}
