import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fromRoot } from '../lib/paths';
import { missedStatuses, type ContractCoverage } from '../lib/report/coverage';
import { CONFIG_VARIABLES } from '../lib/target/config';
import { REFERENCE_PROFILE_FILE } from '../lib/target/profile';
import { startServer } from '../server';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** What the run left in its reports folder (removed afterwards), and its JUnit text. */
  files: string[];
  junit?: string;
  coverage?: ContractCoverage;
}

/** `npm run conformance` as a user runs it, with its own reports folder. */
function conformance(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const started = Date.now();
  const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-reports-'));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fromRoot('cli', 'conformance.ts'), ...args], {
      cwd: fromRoot(),
      env: { ...process.env, CONSOLE_REPORTS_DIR: reports, FC_SEED: '7', PROPERTY_RUNS: '5', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => {
      const files = fs.readdirSync(reports);
      const junit = files.includes('junit.xml') ? fs.readFileSync(path.join(reports, 'junit.xml'), 'utf8') : undefined;
      const coverage = files.includes('contract-coverage.json') ? (JSON.parse(fs.readFileSync(path.join(reports, 'contract-coverage.json'), 'utf8')) as ContractCoverage) : undefined;
      fs.rmSync(reports, { recursive: true, force: true });
      resolve({ code, stdout, stderr, ms: Date.now() - started, files, junit, coverage });
    });
  });
}

test('an unreachable target is one line naming the URL and the cause, and exit code 2', async () => {
  const run = await conformance(['--target', 'http://127.0.0.1:9', '--profile', REFERENCE_PROFILE_FILE]);
  expect(run.code).toBe(2);
  expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/http:\/\/127\.0\.0\.1:9.*connection-refused/)]);
  expect(run.files).toEqual([]);
  expect(run.ms).toBeLessThan(20_000);
}, 30_000);

test('an invalid profile is refused before any request, with exit code 2', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'profile-'));
  const profile = path.join(dir, 'bad.json');
  fs.writeFileSync(profile, JSON.stringify({ name: 'bad', users: [] }));
  const run = await conformance(['--profile', profile]);
  fs.rmSync(dir, { recursive: true, force: true });
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/profile .*bad\.json is invalid/);
}, 30_000);

test('a non-conformant target gives exit code 1 and the finding', async () => {
  const server = await startServer({ fault: 'products-ignores-store-filter' });
  try {
    const run = await conformance(['--target', server.url, '--profile', REFERENCE_PROFILE_FILE, '--only', 'get-api-v2-products']);
    expect(run.code).toBe(1);
    // The header says which server, data and limits the run had; a loopback target gets no rate limit.
    expect(run.stdout).toMatch(/target {7}http:\/\/127\.0\.0\.1:\d+\n  profile {6}reference \(.*reference\.json\)\n  writes {7}allowed/);
    expect(run.stdout).toMatch(/rate limit {3}unlimited \(loopback target\)/);
    expect(run.stdout).toMatch(/seed {9}7 \(FC_SEED\)/);
    expect(run.stderr + run.stdout).toMatch(/\[store_filter\] MUST get-api-v2-products/);
    expect(run.stdout).toMatch(/\d+ tests, \d+ passed, 0 known, [1-9]\d* failed/);
  } finally {
    await server.close();
  }
}, 120_000);

test('the whole run against the embedded reference server is conformant (exit code 0) and sees every documented status it can provoke', async () => {
  const run = await conformance([]);
  expect({ code: run.code, tail: run.stdout.slice(-300) }).toEqual({ code: 0, tail: expect.stringMatching(/(\d+) tests, \1 passed, 0 known, 0 failed/) });
  expect(missedStatuses(run.coverage!)).toEqual([]);
  expect(run.coverage!.totals.keywords.percent).toBeGreaterThanOrEqual(90);
}, 180_000);

test('a run that exceeds its deadline ends with one line and exit code 2', async () => {
  const run = await conformance([], { CONSOLE_RUN_DEADLINE_S: '1' });
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/exceeded its deadline of 1 s/);
}, 30_000);

/** Refused before jest starts: one line on stderr naming what was typed, exit code 2. */
test.each([
  [['--runs', 'abc'], /^conformance: --runs must be an integer ≥ 1, got "abc"$/],
  [['--seed', 'x1'], /^conformance: --seed must be an integer/],
  [['--foo'], /^conformance: unknown flag --foo .*--help/],
  [['--tagret', 'http://x'], /unknown flag --tagret; did you mean --target\?/],
  [['products'], /unexpected argument "products"; to choose tests say --only products/],
  [['--target', '127.0.0.1:18080'], /--target is not a URL: "127\.0\.0\.1:18080"; did you mean http:\/\/127\.0\.0\.1:18080/],
  [['--target', 'http://127.0.0.1:18080'], /--target needs --profile FILE/],
  [['--only', 'get-api-v2-prodcts'], /--only "get-api-v2-prodcts" matches no test; did you mean "get-api-v2-products"\?/],
  [['--checks', 'store_filtr'], /--checks: no check "store_filtr"; did you mean "store_filter"\?/],
  [['--shard', '4/3'], /--shard must look like 1\/3/],
])('%j is one line naming the flag, exit code 2', async (args, message) => {
  const run = await conformance(args);
  expect({ code: run.code, stderr: run.stderr.trim().split('\n') }).toEqual({ code: 2, stderr: [expect.stringMatching(message)] });
  expect(run.files).toEqual([]);
}, 30_000);

test('--help lists every flag with its default, every variable and the exit codes', async () => {
  const run = await conformance(['--help']);
  expect(run.code).toBe(0);
  for (const name of Object.keys(CONFIG_VARIABLES)) expect(run.stdout).toContain(name);
  expect(run.stdout).toMatch(/--runs N .*default 25/);
  expect(run.stdout).toMatch(/exit codes:\n  0 .*\n  1 .*\n  2 /);
}, 30_000);

test('--list prints the chosen test ids without running them; repeated and comma-listed --only add up, --exclude removes', async () => {
  const run = await conformance(['--list', '--only', 'get-api-v2-products,get-api-v2-products-apps', '--only', 'Device', '--exclude', 'property']);
  expect(run.code).toBe(0);
  const ids = run.stdout.trim().split('\n').slice(0, -1);
  expect(ids.length).toBeGreaterThan(20);
  expect(ids.every((id) => /^(get-api-v2-products|get-api-v2-products-apps|post-api-v2-device-license[\w-]*) › /.test(id))).toBe(true);
  expect(ids.some((id) => id.startsWith('get-api-v2-products-apps › '))).toBe(true);
  expect(ids.some((id) => id.includes('› property ›'))).toBe(false);
  expect(run.files).toEqual([]);
}, 30_000);

test('--only with one test id loads only the file of that test and runs only that test', async () => {
  const run = await conformance(['--only', 'get-api-v2-products › 200 › store_id filters the listing to that store']);
  expect(run.code).toBe(0);
  expect(run.junit?.match(/<testsuite /g)).toHaveLength(1);
  expect(run.stdout).toMatch(/^1 tests, 1 passed, 0 known, 0 failed/m);
}, 60_000);

test('npm run server stops with its parent: killing npm frees the port', async () => {
  const npm = spawn('npm', ['run', 'server', '--', '--port', '0'], { cwd: fromRoot(), stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    npm.stdout.on('data', (chunk) => {
      out += chunk;
      const found = /listening on (http:\/\/\S+)/.exec(out);
      if (found) resolve(found[1]);
    });
    npm.on('close', () => reject(new Error(`npm run server ended: ${out}`)));
  });
  expect((await fetch(`${url}/api/v2/products`)).status).toBe(200);
  npm.kill('SIGTERM');
  const deadline = Date.now() + 5000;
  let refused = false;
  while (!refused && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    refused = await fetch(`${url}/api/v2/products`).then(() => false, () => true);
  }
  expect(refused).toBe(true);
}, 30_000);

test('npm run server -- --help, a bad --port and --list-faults answer in one go', async () => {
  const server = (args: string[]) => new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fromRoot('server', 'cli.ts'), ...args], { cwd: fromRoot() });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('close', (code) => resolve({ code, out }));
  });
  expect(await server(['--help'])).toEqual({ code: 0, out: expect.stringMatching(/^usage: npm run server/) });
  expect(await server(['--port', 'abc'])).toEqual({ code: 2, out: 'server: --port must be an integer from 0 to 65535, got "abc"\n' });
  const faults = await server(['--list-faults']);
  expect(faults.out).toMatch(/^login-created-201 +status +status_code_conformance +post-api-v2-auth-login: /m);
}, 30_000);
