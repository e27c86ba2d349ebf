import * as net from 'node:net';
import { gzipSync } from 'node:zlib';
import { HttpClient } from '../lib/http/client';

/** Deliberately hostile servers: whatever they do, the client ends in bounded time with a finding, never a crash. */
type Behaviour = (socket: net.Socket, request: string) => void;

async function hostile(behaviour: Behaviour): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      if (!buffered.includes('\r\n\r\n')) return;
      requests.push(buffered);
      behaviour(socket, buffered);
      buffered = '';
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

const head = (status: string, headers: Record<string, string | number>) =>
  `HTTP/1.1 ${status}\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n`;

async function exchangeWith(behaviour: Behaviour, options: { timeoutMs?: number; maxBodyBytes?: number } = {}) {
  const server = await hostile(behaviour);
  try {
    const client = new HttpClient({ baseUrl: server.url, timeoutMs: options.timeoutMs ?? 1000, maxBodyBytes: options.maxBodyBytes });
    const started = Date.now();
    const exchange = await client.send({ method: 'GET', path: '/api/v2/products', headers: { Authorization: 'Bearer secret-token-value' } });
    return { exchange, elapsed: Date.now() - started, requests: server.requests };
  } finally {
    await server.close();
  }
}

test('a server that drips one byte at a time still hits the total deadline', async () => {
  const { exchange, elapsed } = await exchangeWith((socket) => {
    socket.write(head('200 OK', { 'Content-Type': 'application/json', 'Content-Length': 1000 }));
    const drip = setInterval(() => (socket.destroyed ? clearInterval(drip) : socket.write(' ')), 200);
    socket.on('close', () => clearInterval(drip));
  });
  expect(exchange.error?.kind).toBe('timeout');
  expect(elapsed).toBeLessThan(2500);
});

test('a server that never answers hits the deadline', async () => {
  const { exchange } = await exchangeWith(() => undefined);
  expect(exchange.error?.kind).toBe('timeout');
});

test('a reply that is not HTTP is a finding', async () => {
  const { exchange } = await exchangeWith((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n'));
  expect(['not-http', 'connection-reset']).toContain(exchange.error?.kind);
});

test('a connection reset is reported as such', async () => {
  const { exchange } = await exchangeWith((socket) => socket.resetAndDestroy());
  expect(exchange.error?.kind).toBe('connection-reset');
});

test('a truncated body is a finding, not a crash', async () => {
  const { exchange } = await exchangeWith((socket) => {
    socket.write(head('200 OK', { 'Content-Type': 'application/json', 'Content-Length': 100 }));
    socket.end('{"statusCode":');
  });
  expect(exchange.error).toBeDefined();
});

test('a gzip bomb stops at the decompressed-size cap', async () => {
  const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
  const { exchange } = await exchangeWith(
    (socket) => socket.end(Buffer.concat([Buffer.from(head('200 OK', { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': bomb.length })), bomb])),
    { maxBodyBytes: 1024 * 1024, timeoutMs: 5000 },
  );
  expect(exchange.error?.kind).toBe('response-too-large');
});

test('oversize headers are a finding', async () => {
  const { exchange } = await exchangeWith((socket) => socket.end(head('200 OK', { 'X-Padding': 'x'.repeat(100_000), 'Content-Length': 0 })));
  expect(exchange.error?.kind).toBe('not-http');
});

test('a redirect to another origin is recorded, never followed: nothing is sent elsewhere', async () => {
  const elsewhere = await hostile((socket) => socket.end(head('200 OK', { 'Content-Length': 0 })));
  try {
    const { exchange, requests } = await exchangeWith((socket) => socket.end(head('302 Found', { Location: `${elsewhere.url}/steal`, 'Content-Length': 0 })));
    expect(exchange.response?.status).toBe(302);
    expect(requests).toHaveLength(1);
    expect(elsewhere.requests).toEqual([]);
  } finally {
    await elsewhere.close();
  }
});

test('a redirect loop ends after one exchange', async () => {
  const { exchange, requests } = await exchangeWith((socket) => socket.end(head('301 Moved Permanently', { Location: '/api/v2/products', 'Content-Length': 0 })));
  expect(exchange.response?.status).toBe(301);
  expect(requests).toHaveLength(1);
});

test('a body that is not UTF-8, or not JSON, is recorded as such', async () => {
  const latin1 = await exchangeWith((socket) => socket.end(Buffer.concat([Buffer.from(head('200 OK', { 'Content-Type': 'application/json', 'Content-Length': 3 })), Buffer.from([0xff, 0xfe, 0x7b])])));
  expect(latin1.exchange.response?.body).toEqual({ kind: 'invalid', reason: 'the body is not valid UTF-8' });
  const html = await exchangeWith((socket) => socket.end(head('200 OK', { 'Content-Type': 'application/json', 'Content-Length': 6 }) + '<html>'));
  expect(html.exchange.response?.body).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/not JSON/) });
});

test('the client refuses to address anything outside its origin', () => {
  const client = new HttpClient({ baseUrl: 'http://127.0.0.1:1' });
  expect(client.urlFor('//api/v2/products')).toBe('http://127.0.0.1:1//api/v2/products');
  expect(() => client.urlFor('@evil.example/x')).not.toThrow();
  expect(new URL(client.urlFor('@evil.example/x')).host).toBe('127.0.0.1:1');
});
