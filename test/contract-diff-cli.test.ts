import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { fromRoot } from '../lib/paths';
import { realContract, type Doc } from './support/contracts';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  reports: string;
}

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'contract-diff-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

/** `npm run contract-diff` as a user runs it, with its own reports folder. */
function contractDiff(args: string[]): Promise<Run> {
  const reports = fs.mkdtempSync(path.join(folder, 'reports-'));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [fromRoot('node_modules', 'tsx', 'dist', 'cli.mjs'), fromRoot('cli', 'contract-diff.ts'), ...args], {
      cwd: fromRoot(),
      env: { ...process.env, CONSOLE_REPORTS_DIR: reports },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr, reports }));
  });
}

function contractFile(name: string, change: (doc: Doc) => void): string {
  const doc = realContract();
  change(doc);
  const file = path.join(folder, name);
  fs.writeFileSync(file, stringify(doc));
  return file;
}

test('by default the pinned daemon contract against openapi.yaml: all INFO, exit 0, the three reports', async () => {
  const run = await contractDiff([]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/BASE fixtures\/contracts\/3df804d\/openapi\.yaml → HEAD openapi\.yaml/);
  expect(run.stdout).toMatch(/GET \/api\/v2\/products\/apps {2}\(get-api-v2-products-apps\) {2}— clients: web UI/);
  expect(run.stdout).toMatch(/25 changes: 0 ERROR, 0 WARNING, 25 INFO; 6 operations unchanged\n$/);
  const json = JSON.parse(fs.readFileSync(path.join(run.reports, 'contract-diff.json'), 'utf8')) as { counts: object; fails: boolean };
  expect(json).toMatchObject({ counts: { ERROR: 0, WARNING: 0, INFO: 25 }, fails: false });
  expect(fs.readFileSync(path.join(run.reports, 'contract-diff.md'), 'utf8')).toMatch(/## Unchanged operations\n\n- post-api-v2-auth-login/);
  const junit = fs.readFileSync(path.join(run.reports, 'contract-diff.junit.xml'), 'utf8');
  expect(junit.match(/<testcase /g)).toHaveLength(25);
  expect(junit).not.toMatch(/<failure/);
}, 60_000);

test('a breaking HEAD: exit 1, the finding grouped under its operation with both pointers and its client, a JUnit failure', async () => {
  const head = contractFile('no-password.yaml', (doc) => {
    const token = doc.paths['/api/v2/tokens'].post.responses['200'].content['application/json'].schema.properties.data.properties.token;
    delete token.properties.password;
    token.required = ['username'];
  });
  const run = await contractDiff(['82306b9', head]);
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(/POST \/api\/v2\/tokens {2}\(post-api-v2-tokens\) {2}— clients: daemon\n {2}ERROR {3}property-removed {2}response 200 application\/json data\.token\.password: property removed/);
  expect(run.stdout).toMatch(/BASE #\/paths\/~1api~1v2~1tokens\/post\/responses\/200\/content\/application~1json\/schema\/properties\/data\/properties\/token\/properties\/password {2}HEAD #/);
  expect(run.stdout).toMatch(/1 change: 1 ERROR, 0 WARNING, 0 INFO; 12 operations unchanged — fails \(--fail-on ERROR\)\n$/);
  const junit = fs.readFileSync(path.join(run.reports, 'contract-diff.junit.xml'), 'utf8');
  expect(junit).toMatch(/<testcase classname="post-api-v2-tokens" name="ERROR property-removed › response 200 application\/json data\.token\.password"><failure/);
}, 60_000);

test('a HEAD that may break a client passes, unless --fail-on WARNING', async () => {
  const head = contractFile('new-2xx.yaml', (doc) => (doc.paths['/api/v2/tokens'].post.responses['202'] = { description: 'accepted' }));
  expect((await contractDiff(['openapi.yaml', head])).code).toBe(0);
  const strict = await contractDiff(['openapi.yaml', head, '--fail-on', 'WARNING']);
  expect(strict.code).toBe(1);
  expect(strict.stdout).toMatch(/WARNING response-status-added {2}response 202: status 202 added/);
}, 60_000);

test.each([
  ['a missing file', ['does/not/exist.yaml'], /^contract-diff: BASE does\/not\/exist\.yaml: no such file, contract fixture or git revision$/],
  ['an unknown git revision', ['HEAD', 'no-such-branch:openapi.yaml'], /^contract-diff: HEAD no-such-branch:openapi\.yaml: unknown git revision "no-such-branch"$/],
  ['a file missing in a revision', ['HEAD:nothing.yaml'], /^contract-diff: BASE HEAD:nothing\.yaml: "nothing\.yaml" does not exist in git revision HEAD$/],
  ['a file that is not YAML', ['openapi.yaml', 'BROKEN_YAML'], /^contract-diff: HEAD .*broken\.yaml: not YAML or JSON: /],
  ['a file that is not OpenAPI', ['NOT_OPENAPI'], /^contract-diff: BASE .*swagger\.yaml: not an OpenAPI 3\.0 document \(its "openapi" field is missing\)$/],
  ['an invalid contract', ['openapi.yaml', 'INVALID'], /^contract-diff: HEAD .*invalid\.yaml: not a valid OpenAPI contract: .*must have required property 'description'/],
  ['a bad --fail-on', ['--fail-on', 'SOMETIMES'], /^contract-diff: --fail-on must be ERROR, WARNING or INFO, got "SOMETIMES"$/],
])('%s: one line naming the input and why, exit 2', async (_, args, message) => {
  const files: Record<string, () => string> = {
    BROKEN_YAML: () => {
      fs.writeFileSync(path.join(folder, 'broken.yaml'), 'openapi: [3.0.3\n  paths: {');
      return path.join(folder, 'broken.yaml');
    },
    NOT_OPENAPI: () => {
      fs.writeFileSync(path.join(folder, 'swagger.yaml'), 'swagger: "2.0"\ninfo: {title: x, version: "1"}\npaths: {}\n');
      return path.join(folder, 'swagger.yaml');
    },
    INVALID: () => contractFile('invalid.yaml', (doc) => delete doc.paths['/api/v2/tokens'].post.responses['204'].description),
  };
  const run = await contractDiff(args.map((arg) => files[arg]?.() ?? arg));
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
  expect(fs.readdirSync(run.reports)).toEqual([]);
}, 60_000);
