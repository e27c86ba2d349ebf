import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fromRoot } from '../lib/paths';
import { startServer } from '../server';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `npm run conformance` as a user runs it, with its own reports folder. */
function conformance(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const started = Date.now();
  const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-reports-'));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [fromRoot('node_modules', 'tsx', 'dist', 'cli.mjs'), fromRoot('cli', 'conformance.ts'), ...args], {
      cwd: fromRoot(),
      env: { ...process.env, CONSOLE_REPORTS_DIR: reports, FC_SEED: '7', PROPERTY_RUNS: '5', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => {
      fs.rmSync(reports, { recursive: true, force: true });
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

test('an unreachable target is one line naming the URL and the cause, and exit code 2', async () => {
  const run = await conformance(['--target', 'http://127.0.0.1:9']);
  expect(run.code).toBe(2);
  expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/http:\/\/127\.0\.0\.1:9.*connection-refused/)]);
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
    const run = await conformance(['--target', server.url, '--only', 'get-api-v2-products']);
    expect(run.code).toBe(1);
    expect(run.stderr + run.stdout).toMatch(/\[store_filter\] MUST get-api-v2-products/);
    expect(run.stdout).toMatch(/\d+ tests, \d+ passed, 0 known, [1-9]\d* failed/);
  } finally {
    await server.close();
  }
}, 120_000);

test('the whole run against the embedded reference server is conformant (exit code 0)', async () => {
  const run = await conformance([]);
  expect({ code: run.code, tail: run.stdout.slice(-300) }).toEqual({ code: 0, tail: expect.stringMatching(/(\d+) tests, \1 passed, 0 known, 0 failed/) });
}, 180_000);

test('a run that exceeds its deadline ends with one line and exit code 2', async () => {
  const run = await conformance([], { CONSOLE_RUN_DEADLINE_S: '1' });
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/exceeded its deadline of 1 s/);
}, 30_000);
