import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { startServer, type RunningServer } from '../server';
import { runCli } from './support/cli';

/**
 * The reports of real runs, as a user and a CI read them: two runs against different servers, then
 * `npm run report`. One reports folder for the whole file, as a user's reports/ is.
 */
const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'reports-selftest-'));
const env = { CONSOLE_REPORTS_DIR: reports };
const SCENARIO = 'get-api-v2-products › 200 › store_id filters the listing to that store';
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

describe('a run against a faulty server, with one known deviation kept in the team’s own file', () => {
  let firstRunId: string;
  beforeAll(async () => {
    const expectations = path.join(reports, '..', `expectations-${path.basename(reports)}.yaml`);
    fs.writeFileSync(expectations, `- test: "${PROPERTY}"\n  check: store_filter\n  expected: FAIL\n  bug: https://tracker.example/CONSOLE-1\n`);
    const run = await runCli('conformance', ['--target', faulty.url, '--only', 'get-api-v2-products', '--expectations', expectations], env);
    fs.rmSync(expectations);
    expect({ code: run.code, tail: run.stdout.slice(-200) }).toEqual({ code: 1, tail: expect.stringMatching(/8 tests, 6 passed, 1 known, 1 failed/) });
    [firstRunId] = runIds();
  }, 120_000);

  test('the contract violation is failed in the Allure results, with the violating exchange’s step failed and the finding as its message', () => {
    const results = allureResults(firstRunId);
    const violation = results.find((result) => result.name === SCENARIO)!;
    expect({ status: violation.status, finding: label(violation, 'finding'), epic: label(violation, 'epic'), feature: label(violation, 'feature'), story: label(violation, 'story') }).toEqual({
      status: 'failed',
      finding: 'contract violation',
      epic: 'FLECS Console API',
      feature: 'Products',
      story: 'GET /api/v2/products',
    });
    expect(violation.steps.map((step) => [step.name, step.status])).toEqual([
      ['GET /api/v2/products?store_id=1 → 200', 'failed'],
      ['GET /api/v2/products?store_id=2 → 200', 'failed'],
    ]);
    expect(violation.steps[0].statusDetails?.message).toMatch(/^\[store_filter\] MUST get-api-v2-products \(HTTP 200\)\n {2}requirement: /);
    // The passing tests' steps pass.
    expect(results.filter((result) => result.status === 'passed').flatMap((result) => result.steps.map((step) => step.status))).not.toContain('failed');
  });

  test('the response body is a pretty-printed application/json attachment, not a JSON string inside JSON', () => {
    const violation = allureResults(firstRunId).find((result) => result.name === SCENARIO)!;
    const attachments = violation.steps[0].steps.flatMap((step) => step.attachments);
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
    expect(cases.find((testCase) => testCase['@_name'] === SCENARIO)?.failure).toEqual([
      { '@_message': "[store_filter] Expected: every product's store.id is 1; Actual: products 103 (store 2), 202 (store 2) (and 1 more)", '@_type': 'store_filter', '#text': expect.stringContaining('curl -i') },
    ]);
    expect(new Set(cases.map((testCase) => testCase['@_classname']))).toEqual(new Set(['get-api-v2-products']));
    expect(cases).toHaveLength(8);
  });

  describe('then a run against another server, selecting by test name', () => {
    let secondRunId: string;
    beforeAll(async () => {
      const run = await runCli('conformance', ['--target', clean.url, '--only', 'get-api-v2-products › 200'], env);
      expect({ code: run.code, tail: run.stdout.slice(-200) }).toEqual({ code: 0, tail: expect.stringMatching(/2 tests, 2 passed, 0 known, 0 failed/) });
      secondRunId = runIds().find((runId) => runId !== firstRunId)!;
    }, 120_000);

    test('leaves the reports of the second run only: run folder, JUnit, matrix and Allure results', () => {
      expect(runIds()).toEqual([secondRunId]);
      expect(fs.readdirSync(reports).sort()).toEqual(['conformance-matrix.json', 'conformance-matrix.md', 'junit.xml', 'runs']);
      const matrix = fs.readFileSync(path.join(reports, 'conformance-matrix.md'), 'utf8');
      expect(matrix).toContain(`| ${clean.url} | reference | ${secondRunId} |`);
      expect(matrix).not.toMatch(/\| fail \(|## Failing tests/);
      expect(allureResults(secondRunId).map((result) => [result.name, result.status]).sort()).toEqual([
        ['get-api-v2-products › 200 › store_id filters the listing to that store', 'passed'],
        ['get-api-v2-products › 200 › the listing without store_id', 'passed'],
      ]);
    });

    test('the tests the selection left out are absent from JUnit and Allure (not "skipped")', () => {
      const cases = junitCases(path.join(reports, 'junit.xml'));
      expect(cases.map((testCase) => testCase['@_name']).sort()).toEqual(['get-api-v2-products › 200 › store_id filters the listing to that store', 'get-api-v2-products › 200 › the listing without store_id']);
      expect(cases.filter((testCase) => testCase.skipped)).toEqual([]);
    });

    test('a run that selects nothing writes nothing and exits 2', async () => {
      const before = listing();
      const run = await runCli('conformance', ['--target', clean.url, '--only', 'no test is called like this'], env);
      expect({ code: run.code, stderr: run.stderr.trim().split('\n').at(-1) }).toEqual({ code: 2, stderr: 'conformance: no test matched the selection; no report written' });
      expect(listing()).toEqual(before);
    }, 120_000);

    test('npm run report says what it merged and where index.html is; one history entry per run, however often it renders', async () => {
      for (let i = 0; i < 2; i++) {
        const run = await runCli('report', [], env);
        expect({ code: run.code, stdout: run.stdout }).toEqual({
          code: 0,
          stdout: expect.stringMatching(new RegExp(`run ${secondRunId} \\(${clean.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, profile reference\\): 2 results from 1 shard\\(s\\): all`)),
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
