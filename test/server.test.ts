import { spawn } from 'node:child_process';
import fc from 'fast-check';
import { HttpClient } from '../lib/http/client';
import { fromRoot } from '../lib/paths';
import { contractIndex } from '../lib/spec/contract';
import { unicodeEdge } from '../lib/generate/arbitraries';
import { startServer, type RunningServer } from '../server';
import { FAULT_NAMES } from '../server/faults';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const pathArbitrary = fc.oneof(
  fc.constantFrom(...contractIndex().operations.map((operation) => operation.pathTemplate.replace(/\{(\w+)\}/g, (_m, name: string) => `x-${name}`))),
  fc.constantFrom('/', '//', '/api', '/api/v2/%E0%A4%A', '/api/v2/manifests/%ZZ/1', '/api/v2/products/../../etc/passwd', '/api/v2/tokens?%', '/' + 'a'.repeat(5000)),
  fc.webPath(),
);
const headerValue = fc.oneof(fc.string({ maxLength: 60 }).filter((s) => /^[\x20-\x7e]*$/.test(s)), fc.constantFrom('', 'Bearer ', 'Bearer x.y.z', '{"id":1}'));
const body = fc.oneof(fc.constant(undefined), fc.json(), fc.string(), unicodeEdge(), fc.constant('{"a":'), fc.constant('null'), fc.constant('[]'));

test('random methods, paths, headers and bodies never crash the reference server or give a 5xx', async () => {
  const client = new HttpClient({ baseUrl: server.url, timeoutMs: 5000 });
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
        path: pathArbitrary,
        authorization: fc.option(headerValue, { nil: undefined }),
        session: fc.option(headerValue, { nil: undefined }),
        contentType: fc.option(fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'), { nil: undefined }),
        body,
      }),
      async (input) => {
        const exchange = await client.send({
          method: input.method,
          path: input.path,
          headers: { Authorization: input.authorization, 'X-Session-Id': input.session, 'Content-Type': input.contentType },
          rawBody: input.method === 'GET' || input.method === 'HEAD' ? undefined : input.body,
        });
        expect(exchange.error).toBeUndefined();
        expect(exchange.response!.status).toBeLessThan(500);
      },
    ),
    { numRuns: 300, seed: 20261126 },
  );
}, 60_000);

test('every fault starts and the server stops cleanly', async () => {
  for (const fault of FAULT_NAMES) {
    const faulty = await startServer({ fault });
    await faulty.close();
  }
  await expect(startServer({ fault: 'no-such-fault' as never })).rejects.toThrow(/unknown fault/);
});

test('`npm run server` serves on the given port', async () => {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, [fromRoot('node_modules', 'tsx', 'dist', 'cli.mjs'), fromRoot('server', 'cli.ts'), '--port', String(port)], { cwd: fromRoot() });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => resolve(chunk.toString()));
      child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    expect(line).toContain(`http://127.0.0.1:${port}`);
    const exchange = await new HttpClient({ baseUrl: `http://127.0.0.1:${port}` }).send({ method: 'GET', path: '/api/v2/products' });
    expect(exchange.response?.status).toBe(200);
  } finally {
    child.kill('SIGTERM');
  }
}, 30_000);
