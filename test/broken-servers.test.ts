import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { allRunnables, runAll } from '../lib/scenario/collect';
import { loadProfile, REFERENCE_PROFILE_FILE } from '../lib/target/profile';
import { createTarget } from '../lib/target/target';
import { startServer } from '../server';

/** The runner itself against servers that break mid-way: every outcome is a finding, never a crash. */
const someRunnables = () => allRunnables({ seed: 1, numRuns: 3, shrink: false }).filter((runnable) => /products|validate/.test(runnable.operationId)).slice(0, 25);
const checksOf = (results: Awaited<ReturnType<typeof runAll>>) => new Set(results.flatMap((result) => result.failures.map((failure) => failure.check)));

test('a server that dies mid-run: the remaining exchanges are connection findings, the run completes', async () => {
  const server = await startServer();
  const target = await createTarget({ baseUrl: server.url, profile: loadProfile(REFERENCE_PROFILE_FILE), config: { timeoutMs: 2000 }, embedded: true });
  let seen = 0;
  target.http.onExchange(() => {
    if (++seen === 5) void server.close();
  });
  const results = await runAll(someRunnables(), target);
  expect(results.length).toBe(someRunnables().length);
  expect(checksOf(results)).toContain('complete_response');
  expect(results.flatMap((result) => result.failures).find((failure) => failure.check === 'complete_response')?.actual).toMatch(/connection-(refused|reset)/);
}, 60_000);

test('a 5xx storm is reported as server errors, not as a crash of the suite', async () => {
  const storm = http.createServer((_request, response) => {
    response.writeHead(503, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ reason: 'overloaded', statusCode: 503, statusText: 'Service Unavailable' }));
  });
  await new Promise<void>((resolve) => storm.listen(0, '127.0.0.1', resolve));
  try {
    const target = await createTarget({ baseUrl: `http://127.0.0.1:${(storm.address() as AddressInfo).port}`, profile: loadProfile(REFERENCE_PROFILE_FILE), embedded: true });
    const results = await runAll(someRunnables(), target);
    // Every test sees the 5xx; those that only sent requests off the contract (a SHOULD scenario's `//` path) warn.
    expect(results.every((result) => result.failures.some((failure) => failure.check === 'not_a_server_error'))).toBe(true);
    expect(results.filter((result) => result.verdict !== 'fail').map((result) => result.strength)).not.toContain('MUST');
  } finally {
    storm.close();
  }
}, 60_000);
