import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { faultDefinition, type FaultName } from '../server/faults';
import { startServer } from '../server';
import { REFERENCE_PROFILE_FILE } from '../lib/target/profile';
import type { ContractCoverage } from '../lib/report/coverage';
import { exchangeCoverage } from '../lib/report/coverage-record';
import { loadContract } from '../lib/spec/compiled';
import { exchangeFindings, harFindings, harTraffic, recordScenarios, runCli } from './support/har';

/** Faults of every kind an exchange check catches; for '*' faults the scenarios of one operation suffice. */
// Every row has both values: jest takes a test function with more parameters than the row for one that awaits done().
const FAULTS: Array<[FaultName, Record<string, unknown>]> = [
  ['activate-session-uppercase', {}],
  ['tokens-session-header-bare-uuid', {}],
  ['license-validate-session-header-simple-style', {}],
  ['products-content-type-text', {}],
  ['manifests-404-content-type-html', {}],
  ['errors-stack-trace', {}],
  ['login-user-id-string', {}],
  ['login-token-expires-ms', {}],
  ['products-apps-bad-store-id-500', {}],
  // A hanging server: the recording keeps the timeout, and --har reports it as the run did.
  ['products-hangs', { timeoutMs: 300 }],
];

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'har-record-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a clean recording of every scenario is green, every entry is accounted for, and it covers what the run covered', async () => {
  const file = path.join(dir, 'clean.har');
  const { results, exchanges } = await recordScenarios(file);
  expect(exchangeFindings(results)).toEqual({});
  const traffic = await harTraffic(file);
  expect(Object.fromEntries(traffic.findingCounts)).toEqual({});
  // The CORS preflight addresses no operation: listed, not checked.
  const unmatched = exchanges.filter((exchange) => !exchange.operation).length;
  expect(traffic.checked).toBe(exchanges.length - unmatched);
  expect(traffic.summaryLines().join('\n')).toMatch(unmatched > 0 ? /match no operation of the contract \(not checked\): \d+/ : /^$/);
  // Redaction keeps every value's form: the recorded traffic covers the contract as the run's own did.
  const contract = await loadContract();
  expect([...traffic.covered].sort()).toEqual([...new Set(exchanges.flatMap((exchange) => exchangeCoverage(exchange, contract)))].sort());
}, 60_000);

test.each(FAULTS)('a HAR recorded with fault %s gives the exchange-check findings of the scenario run that provoked them', async (fault, config) => {
  const operationId = faultDefinition(fault).operationId;
  const file = path.join(dir, `${fault}.har`);
  const { results } = await recordScenarios(file, { fault, operationIds: operationId === '*' ? ['get-api-v2-products'] : [operationId], config });
  const fromScenarios = exchangeFindings(results);
  expect(Object.keys(fromScenarios).some((key) => key.endsWith(` ${faultDefinition(fault).check}`))).toBe(true);
  expect(await harFindings(file)).toEqual(fromScenarios);
}, 60_000);

test('--record-har writes a scenario run as HAR, and --har of it reports the same finding in every report format', async () => {
  const server = await startServer({ fault: 'activate-session-uppercase' });
  const har = path.join(dir, 'run.har');
  const reports = path.join(dir, 'reports-run');
  try {
    const run = await runCli('conformance', ['--target', server.url, '--profile', REFERENCE_PROFILE_FILE, '--only', 'post-api-v2-device-license-activate', '--record-har', har], { CONSOLE_REPORTS_DIR: reports, FC_SEED: '7', PROPERTY_RUNS: '5' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`Recorded traffic (redacted HAR): ${har}`);
  } finally {
    await server.close();
  }
  const replayReports = path.join(dir, 'reports-har');
  const replay = await runCli('conformance', ['--har', har], { CONSOLE_REPORTS_DIR: replayReports });
  expect(replay.code).toBe(1);
  expect(replay.stdout + replay.stderr).toMatch(/\[pattern_conformance\] MUST post-api-v2-device-license-activate \(HTTP 200\)[\s\S]*HAR entry #\d+ of .*run\.har, started 20\d\d-/);
  expect(replay.stdout).toMatch(/\d+ tests, \d+ passed, 0 known, [1-9]\d* failed/);
  const junit = fs.readFileSync(path.join(replayReports, 'junit.xml'), 'utf8');
  expect(junit).toContain('post-api-v2-device-license-activate › 200 › recorded traffic');
  expect(junit).toMatch(/<failure/);
  const [runId] = fs.readdirSync(path.join(replayReports, 'runs'));
  expect(fs.readdirSync(path.join(replayReports, 'runs', runId, 'allure-results')).some((name) => name.endsWith('-result.json'))).toBe(true);
  const matrix = JSON.parse(fs.readFileSync(path.join(replayReports, 'conformance-matrix.json'), 'utf8')) as { rows: Array<{ operationId: string; cells: Record<string, string> }> };
  expect(matrix.rows.find((row) => row.operationId === 'post-api-v2-device-license-activate')?.cells['200']).toBe('fail');
  const coverage = JSON.parse(fs.readFileSync(path.join(replayReports, 'contract-coverage.json'), 'utf8')) as ContractCoverage;
  expect(coverage.operations.find((operation) => operation.operationId === 'post-api-v2-device-license-activate')?.statuses['200']).toEqual({ documented: true, seen: true });
}, 120_000);
