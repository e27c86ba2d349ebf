import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { fromRoot, reportsDir } from '../lib/paths';
import { mergeJUnit } from '../lib/report/junit';
import { matrixRun, writeMatrix } from '../lib/report/matrix';
import { readRunResults } from '../lib/report/results';
import { allureResultsDir, listRuns, runJUnitFile, runShards, runsDir } from '../lib/report/run';

/** Exit codes, as `npm run conformance`: 2 = the report could not be made (nothing to report, a bad --run). */
const EXIT = { done: 0, cannotReport: 2 } as const;

const USAGE = `usage: npm run report -- [--run ID]
  --run ID   the run to report (default: the latest in reports/runs/); its shards are merged`;

const TITLE = 'FLECS Console API conformance';
/** The report name carries the run id: the history's one entry per run is found by it. */
const reportName = (runId: string): string => `${TITLE} · run ${runId}`;

/** Rendering a run again replaces its history entry instead of adding a phantom run. */
function dropHistoryEntry(historyFile: string, name: string): void {
  if (!fs.existsSync(historyFile)) return;
  const lines = fs.readFileSync(historyFile, 'utf8').split('\n').filter(Boolean);
  const kept = lines.filter((line) => (JSON.parse(line) as { name?: string }).name !== name);
  if (kept.length !== lines.length) fs.writeFileSync(historyFile, kept.map((line) => `${line}\n`).join(''));
}

async function main(): Promise<number> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { run: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log(USAGE);
    return EXIT.done;
  }
  const runs = listRuns();
  const runId = values.run ?? runs.at(-1);
  if (!runId) {
    console.error(`report: nothing to report: no run in ${runsDir()} (npm run conformance writes one)`);
    return EXIT.cannotReport;
  }
  if (!runs.includes(runId)) {
    console.error(`report: no run ${runId} in ${runsDir()}; there are: ${runs.join(', ') || 'none'}`);
    return EXIT.cannotReport;
  }
  const shards = runShards(runId);
  const { results } = readRunResults(runId);
  if (results.length === 0) {
    console.error(`report: nothing to report: run ${runId} has no results`);
    return EXIT.cannotReport;
  }
  console.log(`run ${runId} (${shards[0].target}, profile ${shards[0].profile}): ${results.length} results from ${shards.length} shard(s): ${shards.map((shard) => shard.shard).join(', ')}`);
  console.log(`conformance matrix: ${writeMatrix(results, matrixRun(shards, results.length))}`);
  const junitFiles = shards.map((shard) => runJUnitFile(runId, shard.shard)).filter((file) => fs.existsSync(file));
  if (junitFiles.length > 0) {
    const junit = path.join(reportsDir(), 'junit.xml');
    fs.writeFileSync(junit, mergeJUnit(junitFiles.map((file) => fs.readFileSync(file, 'utf8'))));
    console.log(`JUnit: ${junit}`);
  }
  const { coverageLine, writeCoverage } = await import('../lib/report/coverage');
  const { dereferencedContract } = await import('../lib/spec/contract');
  const coverage = writeCoverage(runId, await dereferencedContract(shards[0].strict));
  console.log(`contract coverage: ${coverage.file}: ${coverageLine(coverage.coverage)}`);

  const output = path.join(reportsDir(), 'allure-report');
  const name = reportName(runId);
  dropHistoryEntry(path.join(reportsDir(), 'allure-history.jsonl'), name);
  // A report of the previous run would leave its files behind: the output holds this run only.
  fs.rmSync(output, { recursive: true, force: true });
  const allure = spawnSync(
    process.execPath,
    [fromRoot('node_modules', 'allure', 'cli.js'), 'generate', allureResultsDir(runId), '--config', fromRoot('allurerc.mjs'), '--output', output, '--report-name', name],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: fromRoot(),
      encoding: 'utf8',
      // allurerc.mjs reads CONSOLE_REPORTS_DIR for the history; colour codes only on a terminal.
      env: { ...process.env, CONSOLE_REPORTS_DIR: reportsDir(), ...(process.stdout.isTTY ? {} : { NO_COLOR: '1', FORCE_COLOR: '0' }) },
    },
  );
  const index = path.join(output, 'index.html');
  if (allure.status !== 0 || !fs.existsSync(index)) {
    console.error(`report: allure generate failed (exit ${allure.status ?? allure.signal}):\n${`${allure.stdout}${allure.stderr}`.slice(-2000)}`);
    return EXIT.cannotReport;
  }
  console.log(`Allure report: ${index}`);
  return EXIT.done;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`report: ${error.message}`);
    process.exit(EXIT.cannotReport);
  },
);
