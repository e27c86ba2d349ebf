import * as fs from 'node:fs';
import { buildCoverage, contractItems, missedStatuses, readCoverage } from '../../lib/report/coverage';
import { appendCoverage, exchangeCoverage } from '../../lib/report/coverage-record';
import { runDir } from '../../lib/report/run';
import { loadContract, type CompiledContract } from '../../lib/spec/compiled';
import { crafted } from '../support/exchanges';

let contract: CompiledContract;
beforeAll(async () => {
  contract = await loadContract(false);
});

const login = (body: string, responseBody: unknown = { statusCode: 403, statusText: 'Forbidden', reason: 'no' }) => {
  const exchange = crafted({ operationId: 'post-api-v2-auth-login', status: 403, body: responseBody });
  return { ...exchange, request: { ...exchange.request, headers: { 'content-type': 'application/json' }, body } };
};

test('a request body counts each property as sent valid or invalid, and never keeps a value', () => {
  const keys = exchangeCoverage(login(JSON.stringify({ username: 'alice', password: 'hunter2-secret' })), contract);
  expect(keys).toEqual(expect.arrayContaining(['post-api-v2-auth-login request /username valid', 'post-api-v2-auth-login request /password valid', 'post-api-v2-auth-login status 403']));
  expect(keys.join('\n')).not.toMatch(/hunter2|alice/);
  // The contract requires neither property: one left out is not an invalid value of it.
  const wrongType = exchangeCoverage(login(JSON.stringify({ username: 7 })), contract);
  expect(wrongType).toContain('post-api-v2-auth-login request /username invalid');
  expect(wrongType.filter((key) => key.includes('/password'))).toEqual([]);
  expect(exchangeCoverage(login('{"username":'), contract)).toContain('post-api-v2-auth-login request / invalid');
});

test('a header parameter is valid or invalid by its schema, and a response header documented for the status is seen', () => {
  const exchange = crafted({ operationId: 'post-api-v2-tokens', status: 403, body: { statusCode: 403, statusText: 'Forbidden', reason: 'no' } });
  const sent = (session?: string) => ({ ...exchange, request: { ...exchange.request, headers: session === undefined ? {} : ({ 'X-Session-Id': session } as Record<string, string>) } });
  expect(exchangeCoverage(sent('not-a-uuid'), contract)).toContain('post-api-v2-tokens parameter header X-Session-Id invalid');
  expect(exchangeCoverage(sent('3f6a1b2c-8d4e-4f5a-9b6c-7d8e9f0a1b2c'), contract)).toContain('post-api-v2-tokens parameter header X-Session-Id valid');
  expect(exchangeCoverage(sent(), contract)).toContain('post-api-v2-tokens parameter header X-Session-Id invalid');
});

test('totals leave out what sits under unprovokable statuses, and a documented status not seen is a gap', () => {
  const items = contractItems(contract.document, [{ operationId: 'post-api-v2-tokens', status: 500, reason: 'r' }]);
  const tokens = items.find((operation) => operation.operationId === 'post-api-v2-tokens')!;
  const covered = new Set(tokens.items.map((item) => `post-api-v2-tokens ${item.key}`).concat(['post-api-v2-tokens status 200', 'post-api-v2-tokens status 418']));
  const coverage = buildCoverage([tokens], covered, [{ operationId: 'post-api-v2-tokens', status: 500, reason: 'r' }]);
  const [operation] = coverage.operations;
  expect(operation.uncovered).toEqual([]);
  expect(operation.statuses['418']).toEqual({ documented: false, seen: true });
  expect(operation.statuses['500']).toEqual({ documented: true, seen: false, unprovokable: true });
  expect(missedStatuses(coverage)).toEqual(['post-api-v2-tokens 204', 'post-api-v2-tokens 403']);
  expect(coverage.totals.keywords.percent).toBe(100);
});

test('the coverage of a sharded run is the union of its shards (npm run report merges them)', () => {
  const runId = `coverage-shards-${process.pid}`;
  try {
    for (const [shard, keys] of [['1/2', ['op status 200', 'op status 403']], ['2/2', ['op status 200', 'op parameter query page valid']]] as const) {
      process.env.CONSOLE_SHARD = shard;
      appendCoverage(runId, [...keys]);
    }
    expect([...readCoverage(runId)].sort()).toEqual(['op parameter query page valid', 'op status 200', 'op status 403']);
  } finally {
    delete process.env.CONSOLE_SHARD;
    fs.rmSync(runDir(runId), { recursive: true, force: true });
  }
});
