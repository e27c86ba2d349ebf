import * as fs from 'node:fs';
import * as path from 'node:path';
import { fromRoot, reportsDir } from '../lib/paths';
import { derivedSeed } from '../lib/property/seed';
import { readShardResults } from '../lib/report/results';
import { expectationsFile, loadExpectations } from '../lib/report/expectations';
import { runInfo } from '../lib/report/run';
import { removeRunFiles } from '../lib/target/global-teardown';
import { pinnedContractWarning } from '../lib/diff/pinned';
import { readConfig, writesAllowed, type RunConfig } from '../lib/target/config';
import { startMonitor, type RunMonitor } from '../lib/target/monitor';
import { probeTarget } from '../lib/target/probe';
import { ConfigurationError, loadProfile, REFERENCE_PROFILE_FILE, type Profile } from '../lib/target/profile';
import { EXIT, nearest, parseOptions, usage, type Options } from './options';
import { startProgress } from './progress';
import { takeRecordHar } from '../lib/har/record-flag';
import { jestSelection, readLastFailed, select, testIndex, writeLastFailed, type TestEntry } from './selection';

export { EXIT } from './options';

const say = (line: string) => console.log(line);
const shown = (file: string) => path.relative(process.cwd(), file) || file;

/** What the run is about to do, before any request: a nightly log says which server, data and limits it had. */
function runHeader(config: RunConfig, profile: Profile, nameOf: Options['nameOf'], seedGiven: boolean): string[] {
  const embedded = config.baseUrl === undefined;
  const writes = writesAllowed(profile, config, embedded);
  const writesWhy = embedded ? 'the embedded server' : config.allowWrites ? nameOf('CONSOLE_ALLOW_WRITES') : profile.allowWrites ? 'the profile allows them' : 'the profile does not allow them; --allow-writes';
  const rateWhy = nameOf('CONSOLE_RATE_LIMIT') !== 'CONSOLE_RATE_LIMIT' || process.env.CONSOLE_RATE_LIMIT ? nameOf('CONSOLE_RATE_LIMIT') : embedded ? 'embedded' : config.rateLimit === 0 ? 'loopback target' : 'live target default';
  const strictness = [config.strict ? 'strict (errata off)' : undefined, config.strictClients ? 'strict clients (SHOULD gates)' : undefined].filter(Boolean);
  const checks = config.checks ? `only ${config.checks.join(', ')}` : 'all';
  return [
    `conformance run ${config.runId}`,
    `  target       ${embedded ? 'the embedded reference server' : config.baseUrl}`,
    `  profile      ${profile.name} (${shown(config.profileFile ?? REFERENCE_PROFILE_FILE)})`,
    `  writes       ${writes ? 'allowed' : 'not allowed'} (${writesWhy})`,
    `  rate limit   ${config.rateLimit === 0 ? 'unlimited' : `${config.rateLimit} requests/s`} (${rateWhy}), concurrency ${config.concurrency}, timeout ${config.timeoutMs} ms, retries ${config.retries}`,
    `  seed         ${config.seed} (${seedGiven ? nameOf('FC_SEED') : `derived from the date; replay with FC_SEED=${config.seed}`}), ${config.propertyRuns} runs per property`,
    `  checks       ${checks}${config.excludeChecks.length > 0 ? `, except ${config.excludeChecks.join(', ')}` : ''}; ${strictness.length > 0 ? strictness.join(', ') : 'errata applied, SHOULD warns'}`,
  ];
}

/** --checks / --exclude-checks name checks this suite has (with the nearest name for a typo). */
function validateCheckNames(config: RunConfig, nameOf: Options['nameOf']): void {
  const names = [...(config.checks ?? []), ...config.excludeChecks];
  if (names.length === 0) return;
  /* eslint-disable @typescript-eslint/no-require-imports -- the checks load only when a run names some */
  const { EXCHANGE_CHECKS } = require('../lib/checks') as typeof import('../lib/checks');
  const { EXPECTATIONS } = require('../lib/checks/expectations') as typeof import('../lib/checks/expectations');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const known = ['setup', ...EXCHANGE_CHECKS.map((check) => check.name), ...Object.keys(EXPECTATIONS)];
  for (const name of names) {
    if (known.includes(name)) continue;
    const flag = config.checks?.includes(name) ? nameOf('CONSOLE_CHECKS') : nameOf('CONSOLE_EXCLUDE_CHECKS');
    const near = nearest(name, known);
    throw new ConfigurationError(`${flag}: no check "${name}"${near ? `; did you mean "${near}"?` : ''} (the checks: ${known.join(', ')})`);
  }
}

interface Plan {
  options: Options;
  config: RunConfig;
  /** The tests chosen before jest starts, when the run chose (undefined: all). */
  chosen?: { all: TestEntry[]; tests: TestEntry[] };
}

/** Flags, configuration, profile and selection: everything that can be refused before jest starts. */
function plan(argv: string[]): Plan | number {
  // A .env in the project sets what the environment does not (the environment wins, as with node --env-file).
  if (fs.existsSync(fromRoot('.env'))) process.loadEnvFile(fromRoot('.env'));
  const options = parseOptions(argv);
  if (options.help) {
    say(usage());
    return EXIT.conformant;
  }
  Object.assign(process.env, options.env);
  const config = readConfig(process.env, options.nameOf);
  if (config.baseUrl && !config.profileFile) {
    throw new ConfigurationError(`${options.nameOf('CONSOLE_BASE_URL')} needs --profile FILE, the test data the suite may use on that server (fixtures/targets/reference.json fits only the reference server)`);
  }
  validateCheckNames(config, options.nameOf);
  let chosen: Plan['chosen'];
  if (options.only.length > 0 || options.exclude.length > 0 || options.list || options.lastFailed) {
    const all = testIndex(config.strict);
    let tests = select(all, options.only, options.exclude, (term) => (options.only.includes(term) ? '--only' : '--exclude'));
    if (options.lastFailed) {
      const failed = new Set(readLastFailed());
      const again = tests.filter((entry) => failed.has(entry.id));
      if (again.length === 0) say('--last-failed: no test failed in the previous run; running the whole selection');
      else tests = again;
    }
    if (options.list) {
      for (const entry of tests) say(entry.id);
      say(`${tests.length} tests in ${new Set(tests.map((entry) => entry.file)).size} files`);
      return EXIT.conformant;
    }
    if (tests.length === 0) throw new ConfigurationError('the selection leaves no test to run (--list shows what --only and --exclude choose)');
    chosen = { all, tests };
  }
  return { options, config, chosen };
}

async function run(planned: Plan, monitor: RunMonitor, profileName: string): Promise<number> {
  const { options, chosen } = planned;
  const selection = chosen ? jestSelection(chosen.all, chosen.tests) : undefined;
  const stopProgress = startProgress({ monitor, total: chosen?.tests.length, lines: !process.stdout.isTTY, print: say });
  // jest and the reports load only now: --help, --list and refused flags never pay for them.
  const { runCLI } = await import('jest');
  const { discardShard, publishRun, runReporters } = await import('../lib/report/publish');
  const { summarize, summaryLine } = await import('../lib/report/summary');
  const { durationKey } = await import('../lib/report/durations');
  const runId = process.env.CONSOLE_RUN_ID!;
  const startedAt = new Date().toISOString();
  const { results } = await runCLI(
    {
      _: selection?.files ?? [],
      $0: 'conformance',
      selectProjects: ['conformance'],
      runInBand: true,
      runTestsByPath: selection !== undefined,
      testNamePattern: selection?.testNamePattern,
      ci: process.env.CI === 'true',
      shard: options.shard,
      // JUnit for CI: one testsuite per file, i.e. per operation (and per property); finished by publishRun.
      reporters: runReporters(runId),
    },
    [fromRoot()],
  );
  stopProgress();

  const stored = readShardResults(runId);
  const summary = summarize(results, stored);
  writeLastFailed(results.testResults.flatMap((file) => file.testResults).filter((test) => test.status === 'failed').map((test) => test.title));
  if (summary.tests === 0) {
    // An empty selection writes nothing: the previous run's reports stay as they were.
    discardShard(runId);
    console.error('conformance: no test matched the selection; no report written');
    return EXIT.cannotRun;
  }
  const only = options.only.length > 0 ? options.only.join(',') : undefined;
  const info = { ...runInfo(readConfig(), profileName, process.env.CONSOLE_EMBEDDED === '1', only), startedAt };
  const durations = Object.fromEntries(results.testResults.map((file) => [durationKey(fromRoot(), file.testFilePath), file.perfStats.runtime]));
  const published = publishRun(info, options.keepResults, durations);
  const { coverageLine, writeCoverage } = await import('../lib/report/coverage');
  const { dereferencedContract } = await import('../lib/spec/contract');
  const coverage = writeCoverage(runId, await dereferencedContract(planned.config.strict));
  say(`\nRun ${runId}: ${reportsDir()}/runs/${runId}/ (npm run report renders it)\nConformance matrix: ${published.matrixFile}\nContract coverage: ${coverage.file}: ${coverageLine(coverage.coverage)}\nJUnit: ${published.junitFile}`);
  say(summaryLine(summary));
  say(`${monitor.exchanges} requests to the target`);
  if (monitor.stopReason) say(`stopped: ${monitor.stopReason}`);
  if (monitor.breakerTripped) return EXIT.nonConformant;
  if (results.numFailedTestSuites > 0 && summary.failed === 0) {
    // A suite that could not load (the global setup's probe, a syntax error) is a run that could not be made.
    return EXIT.cannotRun;
  }
  return summary.failed > 0 ? EXIT.nonConformant : EXIT.conformant;
}

// Output piped into `head` that closed early is not an error of the program.
process.stdout.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? 0 : 2));

async function main(): Promise<number> {
  if (process.argv.includes('--har')) return (await import('../lib/har/run')).runHar(process.argv.slice(2));
  let planned: Plan;
  let profileName: string;
  try {
    const result = plan(takeRecordHar(process.argv.slice(2)));
    if (typeof result === 'number') return result;
    planned = result;
    const { config, options } = planned;
    process.env.CONSOLE_RUN_ID = config.runId;
    const seedGiven = config.seed !== undefined;
    config.seed ??= derivedSeed();
    process.env.FC_SEED = String(config.seed);
    const profile = loadProfile(config.profileFile ?? REFERENCE_PROFILE_FILE);
    profileName = profile.name;
    loadExpectations(expectationsFile(profileName));
    for (const line of runHeader(config, profile, options.nameOf, seedGiven)) say(line);
    const pinnedContract = await pinnedContractWarning();
    if (pinnedContract) say(pinnedContract);
    setTimeout(() => {
      console.error(`conformance: the run exceeded its deadline of ${config.runDeadlineS} s (CONSOLE_RUN_DEADLINE_S); the target is too slow or stalls`);
      removeRunFiles();
      process.exit(EXIT.cannotRun);
    }, config.runDeadlineS * 1000).unref();
    if (config.baseUrl) {
      const problem = await probeTarget(config.baseUrl, config.timeoutMs);
      if (problem) throw new ConfigurationError(problem);
      process.env.CONSOLE_PROBED = config.baseUrl;
    }
  } catch (error) {
    console.error(`conformance: ${(error as Error).message}`);
    return EXIT.cannotRun;
  }
  return run(planned, startMonitor(planned.config.maxFailures), profileName);
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`conformance: ${error.message}`);
    process.exit(EXIT.cannotRun);
  },
);
