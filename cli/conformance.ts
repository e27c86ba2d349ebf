import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { runCLI } from 'jest';
import { contractIndex } from '../lib/spec/contract';
import { fromRoot, reportsDir } from '../lib/paths';
import { readShardResults } from '../lib/report/results';
import { readConfig } from '../lib/target/config';
import { ConfigurationError, loadProfile, REFERENCE_PROFILE_FILE } from '../lib/target/profile';
import { probeTarget } from '../lib/target/probe';
import { discardShard, junitReporter, publishRun } from '../lib/report/publish';
import { EXPECTATIONS_VARIABLE, expectationsFile, loadExpectations } from '../lib/report/expectations';
import { runInfo } from '../lib/report/run';
import { durationKey } from '../lib/report/durations';
import { derivedSeed } from '../lib/property/runner';
import { removeRunFiles } from '../lib/target/global-teardown';
import { summarize, summaryLine } from '../lib/report/summary';
import { pinnedContractWarning } from '../lib/diff/pinned';

/** Exit codes the CI gate relies on. */
export const EXIT = { conformant: 0, nonConformant: 1, cannotRun: 2 } as const;

const USAGE = `usage: npm run conformance -- [options]
  --target URL          server under test (default: start the embedded reference server)
  --profile FILE        target profile (default: fixtures/targets/reference.json)
  --only ID             an operationId, a tag, or (part of) a test id
  --timeout MS          total deadline per request
  --rate-limit N        requests per second
  --concurrency N       open connections at most
  --strict              the contract exactly as written (errata off)
  --strict-clients      real-client expectations (SHOULD) fail the run
  --allow-writes        allow registrations, reviews and licence consumption on a live target
  --seed N              property seed          --runs N   runs per property
  --shard i/n           run the i-th of n shards (CI matrices; give the shards one CONSOLE_RUN_ID)
  --expectations FILE   known deviations of this server (default fixtures/targets/<profile name>.expectations.yaml)
  --keep-results        keep the reports of previous runs (default: a run replaces them)`;

/** Flags become the environment variables of lib/target/config, which the jest workers inherit. */
function applyFlags(argv: string[]): { only?: string; shard?: string; keepResults: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      target: { type: 'string' },
      profile: { type: 'string' },
      only: { type: 'string' },
      timeout: { type: 'string' },
      'rate-limit': { type: 'string' },
      concurrency: { type: 'string' },
      strict: { type: 'boolean' },
      'strict-clients': { type: 'boolean' },
      'allow-writes': { type: 'boolean' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      shard: { type: 'string' },
      expectations: { type: 'string' },
      'keep-results': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(EXIT.conformant);
  }
  const env: Record<string, string | undefined> = {
    CONSOLE_BASE_URL: values.target,
    CONSOLE_PROFILE: values.profile,
    CONSOLE_TIMEOUT_MS: values.timeout,
    CONSOLE_RATE_LIMIT: values['rate-limit'],
    CONSOLE_CONCURRENCY: values.concurrency,
    CONSOLE_STRICT: values.strict ? 'true' : undefined,
    CONSOLE_STRICT_CLIENTS: values['strict-clients'] ? 'true' : undefined,
    CONSOLE_ALLOW_WRITES: values['allow-writes'] ? 'true' : undefined,
    FC_SEED: values.seed,
    PROPERTY_RUNS: values.runs,
    [EXPECTATIONS_VARIABLE]: values.expectations,
    // The shard names this run's files in reports/runs/<run id>/ (lib/report/run.ts).
    CONSOLE_SHARD: values.shard,
  };
  for (const [name, value] of Object.entries(env)) if (value !== undefined) process.env[name] = value;
  if (values.shard !== undefined && !/^\d+\/\d+$/.test(values.shard)) throw new ConfigurationError(`--shard must look like 1/3, got "${values.shard}"`);
  return { only: values.only, shard: values.shard, keepResults: values['keep-results'] === true };
}

/** --only: an operationId or a tag selects files; anything else is matched against test ids. */
function selection(only: string | undefined): { testPathPatterns?: string[]; testNamePattern?: string } {
  if (!only) return {};
  const index = contractIndex();
  if (index.has(only)) return { testPathPatterns: [`${only.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.`] };
  const tag = index.operations.find((operation) => operation.tag.toLowerCase() === only.toLowerCase())?.tag;
  if (tag) return { testPathPatterns: [`suites/${tag.toLowerCase()}/`, `properties/.*(${index.operations.filter((o) => o.tag === tag).map((o) => o.operationId).join('|')})`] };
  return { testNamePattern: only.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') };
}

async function main(): Promise<number> {
  let options: ReturnType<typeof applyFlags>;
  let profileName: string;
  try {
    // A .env in the project sets what the environment does not (the environment wins, as with node --env-file).
    if (fs.existsSync(fromRoot('.env'))) process.loadEnvFile(fromRoot('.env'));
    options = applyFlags(process.argv.slice(2));
    const config = readConfig();
    process.env.CONSOLE_RUN_ID = config.runId;
    if (config.seed === undefined) {
      process.env.FC_SEED = String(derivedSeed());
      console.log(`property seed ${process.env.FC_SEED} (derived from the date; replay with FC_SEED=${process.env.FC_SEED})`);
    }
    const pinnedContract = await pinnedContractWarning();
    if (pinnedContract) console.log(pinnedContract);
    setTimeout(() => {
      console.error(`conformance: the run exceeded its deadline of ${config.runDeadlineS} s (CONSOLE_RUN_DEADLINE_S); the target is too slow or stalls`);
      removeRunFiles();
      process.exit(EXIT.cannotRun);
    }, config.runDeadlineS * 1000).unref();
    profileName = loadProfile(config.profileFile ?? REFERENCE_PROFILE_FILE).name;
    loadExpectations(expectationsFile(profileName));
    if (config.baseUrl) {
      const problem = await probeTarget(config.baseUrl, config.timeoutMs);
      if (problem) throw new ConfigurationError(problem);
    }
  } catch (error) {
    console.error(`conformance: ${(error as Error).message}`);
    return EXIT.cannotRun;
  }

  const startedAt = new Date().toISOString();
  const { results } = await runCLI(
    {
      _: [],
      $0: 'conformance',
      selectProjects: ['conformance'],
      runInBand: true,
      ci: process.env.CI === 'true',
      shard: options.shard,
      ...selection(options.only),
      // JUnit for CI: one testsuite per file, i.e. per operation (and per property); finished by publishRun.
      reporters: [fromRoot('lib', 'report', 'console-reporter.ts'), junitReporter(process.env.CONSOLE_RUN_ID!)],
    },
    [fromRoot()],
  );

  const runId = process.env.CONSOLE_RUN_ID!;
  const stored = readShardResults(runId);
  const summary = summarize(results, stored);
  if (summary.tests === 0) {
    // An empty selection writes nothing: the previous run's reports stay as they were.
    discardShard(runId);
    console.error('conformance: no test matched the selection; no report written');
    return EXIT.cannotRun;
  }
  const info = { ...runInfo(readConfig(), profileName, process.env.CONSOLE_EMBEDDED === '1', options.only), startedAt };
  const durations = Object.fromEntries(results.testResults.map((file) => [durationKey(fromRoot(), file.testFilePath), file.perfStats.runtime]));
  const published = publishRun(info, options.keepResults, durations);
  console.log(`\nRun ${runId}: ${reportsDir()}/runs/${runId}/ (npm run report renders it)\nConformance matrix: ${published.matrixFile}\nJUnit: ${published.junitFile}`);
  console.log(summaryLine(summary));
  if (results.numFailedTestSuites > 0 && summary.failed === 0) {
    // A suite that could not load (the global setup's probe, a syntax error) is a run that could not be made.
    return EXIT.cannotRun;
  }
  return summary.failed > 0 ? EXIT.nonConformant : EXIT.conformant;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`conformance: ${error.message}`);
    process.exit(EXIT.cannotRun);
  },
);
