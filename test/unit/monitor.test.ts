import { BREAKER_EXCHANGES, RunMonitor } from '../../lib/target/monitor';

test('the breaker trips on a long run of 5xx and transport failures across operations, not on one broken operation', () => {
  const broken = new RunMonitor();
  for (let i = 0; i < BREAKER_EXCHANGES * 2; i++) broken.exchange({ operationId: 'get-api-v2-products', status: 500 });
  expect(broken.breakerTripped).toBe(false);

  const unusable = new RunMonitor();
  const operations = ['get-api-v2-products', 'post-api-v2-auth-login', 'post-api-v2-tokens'];
  for (let i = 0; i < BREAKER_EXCHANGES - 1; i++) unusable.exchange({ operationId: operations[i % 3], status: i % 2 ? 503 : undefined });
  expect(unusable.breakerTripped).toBe(false);
  unusable.exchange({ operationId: operations[0], status: 500 });
  expect(unusable.breakerTripped).toBe(true);
  expect(unusable.stopReason).toMatch(/^the last 40 requests, to 3 operations, got no response or a 5xx/);
});

test('one usable answer resets the breaker', () => {
  const monitor = new RunMonitor();
  const operations = ['a', 'b', 'c'];
  for (let i = 0; i < BREAKER_EXCHANGES * 3; i++) monitor.exchange({ operationId: operations[i % 3], status: i % 30 === 29 ? 200 : 500 });
  expect(monitor.breakerTripped).toBe(false);
});

test('--max-failures stops after that many failed tests; 0 never stops', () => {
  const stopping = new RunMonitor(2);
  stopping.testDone(true);
  stopping.testDone(false);
  expect(stopping.stopReason).toBeUndefined();
  stopping.testDone(true);
  expect(stopping.stopReason).toBe('2 failed tests (--max-failures 2): the remaining tests are skipped');
  const never = new RunMonitor(0);
  for (let i = 0; i < 50; i++) never.testDone(true);
  expect(never.stopReason).toBeUndefined();
});
