import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { startProxy } from '../lib/har/proxy';
import { HarReadError } from '../lib/har/read';
import { loadContract } from '../lib/spec/compiled';
import { startServer } from '../server';
import { harOf, harTraffic, runCli } from './support/har';

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'har-input-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string | Buffer): string => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};

const products = JSON.stringify({ statusCode: 200, statusText: 'OK', data: { products: [], total: 0 } });
const entry = (response: unknown, url = 'http://127.0.0.1:1/api/v2/products') => ({
  startedDateTime: '2026-12-01T10:00:00.000Z',
  time: 1,
  request: { method: 'GET', url, httpVersion: 'HTTP/1.1', headers: [], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
  response,
});
const response = (content: Record<string, unknown>, contentType = 'application/json') => ({ status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [{ name: 'Content-Type', value: contentType }], cookies: [], content, redirectURL: '', headersSize: -1, bodySize: -1 });

test.each([
  ['not HAR', '{"foo": 1}', /is not a HAR file: it has no log\.entries/],
  ['not JSON', 'hello', /is not a HAR file: it is not JSON/],
  ['truncated', harOf([entry(response({ size: 1, mimeType: 'application/json', text: products }))]).slice(0, 150), /is truncated/],
  ['entries not an array', '{"log": {"entries": {}}}', /log\.entries is not an array/],
  ['empty', '', /is empty, not a HAR file/],
])('a file that is %s is a one-line HarReadError', async (_name, text, message) => {
  await expect(harTraffic(write(`${_name}.har`, text))).rejects.toThrow(HarReadError);
  await expect(harTraffic(write(`${_name}.har`, text))).rejects.toThrow(message);
});

test('a missing file or a truncated one exits 2 with one line', async () => {
  const truncated = write('cut.har', harOf([entry(response({ size: 1, mimeType: 'application/json', text: products }))]).slice(0, 150));
  for (const file of [path.join(dir, 'missing.har'), truncated]) {
    const run = await runCli('conformance', ['--har', file], {});
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^conformance: .*(ENOENT|truncated)/)]);
  }
}, 60_000);

test('base64 bodies are decoded; binary and non-JSON bodies are findings; entries without a response or body are listed', async () => {
  const traffic = await harTraffic(
    write(
      'mixed.har',
      harOf([
        entry(response({ size: products.length, mimeType: 'application/json', text: Buffer.from(products).toString('base64'), encoding: 'base64' })),
        entry(response({ size: 4, mimeType: 'application/json', text: Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64'), encoding: 'base64' })),
        entry(response({ size: 15, mimeType: 'text/html', text: '<html>hi</html>' }, 'text/html')),
        entry(response({ size: 500, mimeType: 'application/json' })),
        entry(undefined),
        entry({ ...response({ size: 0, mimeType: 'x-unknown' }), status: 0 }),
        entry(response({ size: 0, mimeType: 'x-unknown' }), 'http://127.0.0.1:1/static/app.js'),
        { nothing: true },
      ]),
    ),
  );
  const findings = [...traffic.findingCounts.keys()];
  expect(findings).toEqual(expect.arrayContaining(['get-api-v2-products 200 content_type_conformance', 'get-api-v2-products 200 response_schema_conformance']));
  expect(traffic.checked).toBe(4);
  // A base64 body is read as the same body in plain text would be.
  const plain = await harTraffic(write('plain.har', harOf([entry(response({ size: products.length, mimeType: 'application/json', text: products }))])));
  const encoded = await harTraffic(write('base64.har', harOf([entry(response({ size: products.length, mimeType: 'application/json', text: Buffer.from(products).toString('base64'), encoding: 'base64' }))])));
  expect(Object.fromEntries(encoded.findingCounts)).toEqual(Object.fromEntries(plain.findingCounts));
  expect(encoded.findingCounts.has('get-api-v2-products 200 content_type_conformance')).toBe(false);
  const summary = traffic.summaryLines().join('\n');
  expect(summary).toMatch(/match no operation of the contract \(not checked\): 1\n {2}1× GET \/static\/app\.js/);
  expect(summary).toMatch(/Entries without a response \(not checked\): 2/);
  expect(summary).toMatch(/2× GET \/api\/v2\/products \(the entry has no response\)/);
  // Listed by request, with the first entry's reason (the other was status 0).
  expect(summary).toMatch(/Entries that are not HAR requests \(not checked\): 1/);
  expect(summary).toMatch(/left out or that exceed the body cap: 1/);
});

test('the proxy in front of a faulty reference server reports the finding and forwards the response byte for byte', async () => {
  const server = await startServer({ fault: 'products-content-type-text' });
  const lines: string[] = [];
  const proxy = await startProxy({ target: server.url, contract: await loadContract(), onFinding: (line) => lines.push(line) });
  const raw = (url: string) =>
    new Promise<{ status: number; headers: string[]; body: Buffer }>((resolve, reject) => {
      http.get(url, { headers: { 'accept-encoding': 'gzip' } }, (reply) => {
        const chunks: Buffer[] = [];
        reply.on('data', (chunk: Buffer) => chunks.push(chunk));
        reply.on('end', () => resolve({ status: reply.statusCode!, headers: reply.rawHeaders.filter((_v, i, all) => i % 2 === 0 && !/^(date|connection|keep-alive)$/i.test(all[i])).map((name) => `${name}: ${reply.headers[name.toLowerCase()]}`), body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
  try {
    const direct = await raw(`${server.url}/api/v2/products?limit=2`);
    const proxied = await raw(`${proxy.url}/api/v2/products?limit=2`);
    expect(proxied).toEqual(direct);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines).toEqual([expect.stringMatching(/^\[content_type_conformance\] MUST get-api-v2-products \(HTTP 200\) GET \/api\/v2\/products: text\/plain/)]);
    expect(proxy.traffic.checked).toBe(1);
  } finally {
    await proxy.close();
    await server.close();
  }
});
