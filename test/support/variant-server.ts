import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { STATUS_CODES } from 'node:http';
import { fromRoot } from '../../lib/paths';
import { contractIndex } from '../../lib/spec/contract';
import { loadProfile } from '../../lib/target/profile';
import { startServer, type RunningServer } from '../../server';
import { loadReferenceData } from '../../server/data';

/**
 * A server that is correct but different from the reference in every way the contract allows, for the
 * no-false-positive run: its own data and profile (other ids, sizes, stores), several pages, extra
 * properties where additionalProperties is not false, keys in reverse order, `application/json;
 * charset=utf-8`, chunked bodies, no keep-alive, and other choices where the contract is silent
 * (403 for 401 and back, 422 for 409, 200 with an empty listing for an unknown store…), CORS with "*".
 * It is the reference server with other data, behind a layer that changes only what the contract leaves open.
 */
export const VARIANT_PROFILE_FILE = fromRoot('fixtures', 'targets', 'variant.json');
const PAGE_SIZE = 2;
const PAGED = new Set(['get-api-v2-products', 'get-api-v2-my-products', 'get-api-v2-my-products-apps']);
const LISTINGS = new Set([...PAGED, 'get-api-v2-products-apps', 'get-api-v2-my-subscriptions']);
const CLOSED = new Set(['post-api-v2-auth-login', 'post-api-v2-auth-validate']); // additionalProperties: false at every level

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- bodies of every shape pass through

const errorBody = (status: number, reason: string) => ({ code: `E${status}`, reason, statusCode: status, statusText: STATUS_CODES[status] });
const emptyListing = (operationId: string) =>
  operationId === 'get-api-v2-products-apps' ? { totalProducts: 0, products: [] } : operationId === 'get-api-v2-my-subscriptions' ? { totalSubscriptions: 0, subscriptions: [] } : { page: 1, totalPages: 1, products: [] };

/** Statuses where the contract is silent, answered the other way round from the reference. */
function otherChoice(operationId: string, status: number, body: Json): { status: number; body: Json } {
  const reason = String(body?.reason ?? '');
  if (operationId.startsWith('get-api-v2-my-') && status === 401) return { status: 403, body: errorBody(403, reason) };
  if (operationId === 'get-api-v2-products-apps-reviews' && status === 401) return { status: 403, body: errorBody(403, reason) };
  if (operationId === 'post-api-v2-device-license' && status === 409) return { status: 422, body: errorBody(422, reason) };
  if (operationId === 'post-api-v2-device-license-activate' && status === 403 && /bearer|token/i.test(reason)) return { status: 401, body: errorBody(401, reason) };
  if (operationId === 'post-api-v2-device-license-validate' && status === 400) return { status: 200, body: { statusCode: 200, statusText: 'OK', data: { isValid: false } } };
  if (operationId === 'post-api-v2-auth-validate' && status === 200 && body?.data?.isValid === false) return { status: 401, body: errorBody(401, 'Invalid token') };
  if (operationId === 'post-api-v2-tokens' && status === 404) return { status: 400, body: errorBody(400, reason) };
  if (LISTINGS.has(operationId) && status === 404) return { status: 200, body: { statusCode: 200, statusText: 'OK', data: emptyListing(operationId) } };
  return { status, body };
}

function reshape(operationId: string, status: number, body: Json): Json {
  if (body === undefined || CLOSED.has(operationId)) return body;
  const shaped = { ...body, traceId: `variant-${Date.now().toString(36)}` };
  if (status >= 400 && shaped.code === undefined) shaped.code = `E${status}`;
  const data = shaped.data;
  if (data && typeof data === 'object' && Array.isArray(data.products)) {
    data.products = data.products.map((product: Json) => ({ ...product, sku: `VAR-${product.id}` }));
    if (PAGED.has(operationId)) {
      data.totalPages = Math.max(1, Math.ceil(data.products.length / PAGE_SIZE));
      data.products = data.products.slice(0, PAGE_SIZE);
    }
  }
  if (operationId === 'post-api-v2-device-license-activate' && data?.sessionId) data.expiresAt = '2099-01-01T00:00:00Z';
  return shaped;
}

/** The same JSON with every object's keys in reverse order. */
const reversed = (value: Json): Json =>
  Array.isArray(value) ? value.map(reversed) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)])) : value;

function readBody(stream: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export async function startVariantServer(): Promise<RunningServer & { profile: ReturnType<typeof loadProfile> }> {
  const upstream = await startServer({ data: loadReferenceData(fromRoot('fixtures', 'variant', 'data.json')) });
  const upstreamUrl = new URL(upstream.url);
  const server = http.createServer(async (request, response) => {
    const requestBody = await readBody(request);
    const forwarded = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const outgoing = http.request(
        { host: upstreamUrl.hostname, port: upstreamUrl.port, method: request.method, path: request.url, headers: { ...request.headers, host: upstreamUrl.host } },
        async (reply) => resolve({ status: reply.statusCode ?? 502, headers: reply.headers, body: await readBody(reply) }),
      );
      outgoing.on('error', reject);
      outgoing.end(requestBody);
    });
    const operationId = contractIndex().match(request.method ?? 'GET', request.url ?? '/')?.operation.operationId;
    const isJson = /json/.test(String(forwarded.headers['content-type'] ?? '')) && forwarded.body.length > 0;
    let status = forwarded.status;
    let text = forwarded.body.toString();
    if (operationId && isJson) {
      const changed = otherChoice(operationId, status, JSON.parse(text));
      status = changed.status;
      text = JSON.stringify(reversed(reshape(operationId, status, changed.body)));
    }
    for (const [name, value] of Object.entries(forwarded.headers)) {
      if (value !== undefined && !['content-length', 'connection', 'keep-alive', 'transfer-encoding', 'content-type', 'date'].includes(name)) response.setHeader(name, value);
    }
    if (text.length > 0) response.setHeader('content-type', 'application/json; charset=utf-8');
    // CORS the other way: any origin with "*" where the reference reflects the caller's origin.
    if (response.hasHeader('access-control-allow-origin')) {
      response.setHeader('access-control-allow-origin', '*');
      response.removeHeader('vary');
    }
    response.setHeader('connection', 'close');
    response.writeHead(status);
    // Chunked transfer encoding: the body in two writes and no Content-Length.
    const middle = Math.floor(text.length / 2);
    if (text.length > 0) response.write(text.slice(0, middle));
    response.end(text.slice(middle));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    profile: loadProfile(VARIANT_PROFILE_FILE),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await upstream.close();
    },
  };
}
