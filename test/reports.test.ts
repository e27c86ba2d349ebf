import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { startServer, type RunningServer } from '../server';
import { REFERENCE_PROFILE_FILE } from '../lib/target/profile';
import { runCli } from './support/cli';

/**
 * The reports of real runs, as a user and a CI read them: two runs against different servers, then
 * `npm run report`. One reports folder for the whole file, as a user's reports/ is.
 */
const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'reports-selftest-'));
const env = { CONSOLE_REPORTS_DIR: reports };
const SELECTION = 'get-api-v2-products › 200';
const PROPERTY = 'get-api-v2-products › property › for any store_id every listed product belongs to that store';

let faulty: RunningServer;
let clean: RunningServer;
beforeAll(async () => {
  [faulty, clean] = await Promise.all([startServer({ fault: 'products-ignores-store-filter' }), startServer()]);
});
afterAll(async () => {
  await Promise.all([faulty?.close(), clean?.close()]);
  fs.rmSync(reports, { recursive: true, force: true });
});

interface AllureStep {
  name: string;
  status: string;
  statusDetails?: { message?: string };
  steps: AllureStep[];
  attachments: Array<{ name: string; source: string; type: string }>;
}
interface AllureResult extends AllureStep {
  labels: Array<{ name: string; value: string }>;
}

const runIds = (): string[] => fs.readdirSync(path.join(reports, 'runs'));
const allureDir = (runId: string) => path.join(reports, 'runs', runId, 'allure-results');
const allureResults = (runId: string): AllureResult[] =>
  fs.readdirSync(allureDir(runId)).filter((file) => file.endsWith('-result.json')).map((file) => JSON.parse(fs.readFileSync(path.join(allureDir(runId), file), 'utf8')) as AllureResult);
const label = (result: AllureResult, name: string) => result.labels.find((entry) => entry.name === name)?.value;

interface JUnitCase {
  '@_classname': string;
  '@_name': string;
  failure?: Array<{ '@_message': string; '@_type': string }>;
  skipped?: Array<{ '@_message'?: string }>;
}
function junitCases(file: string): JUnitCase[] {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (name) => ['testsuite', 'testcase', 'failure', 'skipped'].includes(name) });
  const document = parser.parse(fs.readFileSync(file, 'utf8')) as { testsuites: { testsuite: Array<{ testcase: JUnitCase[] }> } };
  return document.testsuites.testsuite.flatMap((suite) => suite.testcase);
}

/** Every file under reports/ with its time, every folder by name: what "writes nothing" compares. */
const listing = (): string[] =>
  fs
    .readdirSync(reports, { recursive: true })
    .map(String)
    .sort()
    .map((entry) => {
      const stat = fs.statSync(path.join(reports, entry));
      return stat.isDirectory() ? `${entry}/` : `${entry} ${stat.mtimeMs}`;
    });

const counts = (stdout: string) => {
  const [, total, passed, known, failed] = /(\d+) tests, (\d+) passed, (\d+) known, (\d+) failed/.exec(stdout) ?? [];
  return { total: Number(total), passed: Number(passed), known: Number(known), failed: Number(failed) };
};

/** The scenario (not the property) that store_filter failed, and its first failed step. */
function storeFilterViolation(results: AllureResult[]): { violation: AllureResult; step: AllureStep } {
  const violation = results.find((result) => result.name !== PROPERTY && result.status === 'failed' && result.labels.some((entry) => entry.name === 'check' && entry.value === 'store_filter'))!;
  expect(violation).toBeDefined();
  return { violation, step: violation.steps.find((step) => step.status === 'failed')! };
}

describe('a run against a faulty server, with one known deviation kept in the team’s own file', () => {
  let firstRunId: string;
  let firstTotal: number;
  beforeAll(async () => {
    const expectations = path.join(reports, '..', `expectations-${path.basename(reports)}.yaml`);
    fs.writeFileSync(expectations, `- test: "${PROPERTY}"\n  check: store_filter\n  expected: FAIL\n  bug: https://tracker.example/CONSOLE-1\n`);
    const run = await runCli('conformance', ['--target', faulty.url, '--profile', REFERENCE_PROFILE_FILE, '--only', 'get-api-v2-products', '--expectations', expectations], env);
    fs.rmSync(expectations);
    const { total, known, failed } = counts(run.stdout);
    expect({ code: run.code, known, failed: failed > 0 }).toEqual({ code: 1, known: 1, failed: true });
    firstTotal = total;
    [firstRunId] = runIds();
  }, 120_000);

  test('the contract violation is failed in the Allure results, with the violating exchange’s step failed and the finding as its message', () => {
    const results = allureResults(firstRunId);
    const { violation, step } = storeFilterViolation(results);
    expect({ status: violation.status, finding: label(violation, 'finding'), epic: label(violation, 'epic'), feature: label(violation, 'feature'), story: label(violation, 'story') }).toEqual({
      status: 'failed',
      finding: 'contract violation',
      epic: 'FLECS Console API',
      feature: 'Products',
      story: 'GET /api/v2/products',
    });
    expect(step.name).toMatch(/^GET \/api\/v2\/products(\?store_id=\d+)? → 200$/);
    expect(step.statusDetails?.message).toMatch(/^\[store_filter\] MUST get-api-v2-products \(HTTP 200\)\n {2}requirement: /);
    // A step is failed only for the exchange that broke a check.
    for (const other of violation.steps.filter((candidate) => candidate.status === 'failed')) expect(other.statusDetails?.message).toContain('[store_filter]');
    // The passing tests' steps pass.
    expect(results.filter((result) => result.status === 'passed').flatMap((result) => result.steps.map((step) => step.status))).not.toContain('failed');
  });

  test('the response body is a pretty-printed application/json attachment, not a JSON string inside JSON', () => {
    const { step } = storeFilterViolation(allureResults(firstRunId));
    const attachments = step.steps.flatMap((child) => child.attachments);
    expect(attachments.map((attachment) => [attachment.name, attachment.type])).toEqual([
      ['request', 'text/plain'],
      ['response', 'text/plain'],
      ['response body', 'application/json'],
      ['curl', 'text/plain'],
    ]);
    const body = fs.readFileSync(path.join(allureDir(firstRunId), attachments[2].source), 'utf8');
    expect(body).toMatch(/^\{\n {2}"statusCode": 200,\n/);
    expect((JSON.parse(body) as { data: { products: unknown[] } }).data.products.length).toBeGreaterThan(0);
  });

  test('the known deviation is skipped in Allure and JUnit, with its reason', () => {
    const known = allureResults(firstRunId).find((result) => result.name === PROPERTY)!;
    expect({ status: known.status, finding: label(known, 'finding'), message: known.statusDetails?.message }).toEqual({ status: 'skipped', finding: 'known deviation', message: expect.stringMatching(/^KNOWN \[store_filter\] Expected: /) });
    expect(junitCases(path.join(reports, 'junit.xml')).find((testCase) => testCase['@_name'] === PROPERTY)?.skipped).toEqual([{ '@_message': expect.stringMatching(/^KNOWN \[store_filter\]/) }]);
  });

  test('JUnit failures carry message="[check] one line" and type="<check>"; classname is the operationId everywhere', () => {
    const cases = junitCases(path.join(reports, 'junit.xml'));
    const { violation } = storeFilterViolation(allureResults(firstRunId));
    expect(cases.find((testCase) => testCase['@_name'] === violation.name)?.failure).toEqual([
      { '@_message': expect.stringMatching(/^\[store_filter\] Expected: [^\n]+; Actual: [^\n]+$/), '@_type': 'store_filter', '#text': expect.stringContaining('curl -i') },
    ]);
    for (const failure of cases.flatMap((testCase) => testCase.failure ?? [])) expect(failure).toEqual(expect.objectContaining({ '@_message': expect.stringMatching(/^\[\w+\] \S/), '@_type': expect.stringMatching(/^\w+$/) }));
    expect(new Set(cases.map((testCase) => testCase['@_classname']))).toEqual(new Set(['get-api-v2-products']));
    expect(cases).toHaveLength(firstTotal);
  });

  describe('then a run against another server, selecting by test name', () => {
    let secondRunId: string;
    let selected: number;
    beforeAll(async () => {
      const run = await runCli('conformance', ['--target', clean.url, '--profile', REFERENCE_PROFILE_FILE, '--only', SELECTION], env);
      const { total, passed } = counts(run.stdout);
      expect({ code: run.code, some: total > 0, allPassed: passed === total }).toEqual({ code: 0, some: true, allPassed: true });
      selected = total;
      secondRunId = runIds().find((runId) => runId !== firstRunId)!;
    }, 120_000);

    test('leaves the reports of the second run only: run folder, JUnit, matrix, contract coverage and Allure results', () => {
      expect(runIds()).toEqual([secondRunId]);
      expect(fs.readdirSync(reports).sort()).toEqual(['conformance-matrix.json', 'conformance-matrix.md', 'contract-coverage.json', 'contract-coverage.md', 'junit.xml', 'last-failed.json', 'runs']);
      const matrix = fs.readFileSync(path.join(reports, 'conformance-matrix.md'), 'utf8');
      expect(matrix).toContain(`| ${clean.url} | reference | ${secondRunId} |`);
      expect(matrix).not.toMatch(/\| fail \(|## Failing tests/);
      const results = allureResults(secondRunId);
      expect(results).toHaveLength(selected);
      for (const result of results) expect([result.name.startsWith(SELECTION), result.status]).toEqual([true, 'passed']);
    });

    test('the tests the selection left out are absent from JUnit and Allure (not "skipped")', () => {
      const cases = junitCases(path.join(reports, 'junit.xml'));
      expect(cases).toHaveLength(selected);
      expect(cases.filter((testCase) => !testCase['@_name'].startsWith(SELECTION) || testCase.skipped)).toEqual([]);
    });

    test('a run that selects nothing writes nothing and exits 2', async () => {
      const before = listing();
      const run = await runCli('conformance', ['--target', clean.url, '--profile', REFERENCE_PROFILE_FILE, '--only', 'no test is called like this'], env);
      expect({ code: run.code, stderr: run.stderr.trim().split('\n').at(-1) }).toEqual({ code: 2, stderr: expect.stringMatching(/^conformance: --only "no test is called like this" matches no test/) });
      expect(listing()).toEqual(before);
    }, 120_000);

    test('npm run report says what it merged and where index.html is; one history entry per run, however often it renders', async () => {
      for (let i = 0; i < 2; i++) {
        const run = await runCli('report', [], env);
        expect({ code: run.code, stdout: run.stdout }).toEqual({
          code: 0,
          stdout: expect.stringMatching(new RegExp(`run ${secondRunId} \\(${clean.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, profile reference\\): ${selected} results from 1 shard\\(s\\): all`)),
        });
        const index = path.join(reports, 'allure-report', 'index.html');
        expect(run.stdout).toContain(`Allure report: ${index}`);
        expect(fs.existsSync(index)).toBe(true);
      }
      const history = fs.readFileSync(path.join(reports, 'allure-history.jsonl'), 'utf8').trim().split('\n');
      expect(history.map((line) => (JSON.parse(line) as { name: string }).name)).toEqual([`FLECS Console API conformance · run ${secondRunId}`]);
    }, 120_000);
  });
});

test('npm run report with nothing to report exits 2 with one plain line (no colour codes off a terminal)', async () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'reports-empty-'));
  const run = await runCli('report', [], { CONSOLE_REPORTS_DIR: empty });
  fs.rmSync(empty, { recursive: true, force: true });
  expect({ code: run.code, stderr: run.stderr, stdout: run.stdout }).toEqual({ code: 2, stderr: `report: nothing to report: no run in ${path.join(empty, 'runs')} (npm run conformance writes one)\n`, stdout: '' });
}, 60_000);
