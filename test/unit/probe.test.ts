import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { probeTarget } from '../../lib/target/probe';

/** A server that never answers the products listing (or nothing at all), and 404s the rest. */
async function withServer(hang: (path: string) => boolean, body: (url: string) => Promise<void>): Promise<void> {
  const server = http.createServer((request, response) => {
    if (hang(request.url ?? '')) return; // no answer, ever
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await body(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

test('a target whose products listing hangs is usable: another probe answers', async () => {
  await withServer((path) => path.startsWith('/api/v2/products'), async (url) => {
    const started = Date.now();
    expect(await probeTarget(url, 5000)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

test('a target that answers nothing fails the probe after --timeout, in one line', async () => {
  await withServer(() => true, async (url) => {
    const started = Date.now();
    const problem = await probeTarget(url, 800);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(problem).toMatch(new RegExp(`^cannot use target ${url}: timeout \\(no complete response within 800 ms\\)$`));
  });
});

test('https:// against a plain HTTP port is one line that suggests http://', async () => {
  await withServer(() => false, async (url) => {
    const https = url.replace('http:', 'https:');
    expect(await probeTarget(https, 2000)).toBe(`cannot use target ${https}: the port does not speak TLS (try ${url})`);
  });
});
