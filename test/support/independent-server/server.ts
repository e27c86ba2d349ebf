import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { Call } from './call';
import { TokenIssuer } from './credentials';
import { matchRoute } from './routes';
import { ConsoleState, loadSeed } from './state';
import { errorBody, HttpError, NGINX_413_HTML, type Reply, writeReply } from './wire';

/** nginx's client_max_body_size in front of the console. */
const BODY_LIMIT = 1024 * 1024;
/** Past the limit the body is still read (so the client sees the 413, not a reset), up to this much. */
const DRAIN_LIMIT = 16 * 1024 * 1024;

export interface ServerOptions {
  /** Requests per second one client may send before it gets 429 (0 = no limit). */
  rateLimit: number;
}

export const DEFAULT_RATE_LIMIT = 150;

/** A fixed one-second window per client address. */
class RateLimiter {
  private readonly windows = new Map<string, { second: number; count: number }>();

  constructor(private readonly perSecond: number) {}

  admit(client: string): boolean {
    if (this.perSecond <= 0) return true;
    const second = Math.floor(Date.now() / 1000);
    const window = this.windows.get(client);
    if (!window || window.second !== second) {
      this.windows.set(client, { second, count: 1 });
      return true;
    }
    window.count += 1;
    return window.count <= this.perSecond;
  }
}

type Body = { kind: 'read'; bytes: Buffer } | { kind: 'too-large'; drained: boolean };

function readBody(req: http.IncomingMessage): Promise<Body> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length']) > DRAIN_LIMIT) {
      resolve({ kind: 'too-large', drained: false });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
      else if (size > DRAIN_LIMIT) resolve({ kind: 'too-large', drained: false });
    });
    req.on('end', () => resolve(size > BODY_LIMIT ? { kind: 'too-large', drained: true } : { kind: 'read', bytes: Buffer.concat(chunks) }));
    req.on('error', reject);
  });
}

/** Any origin may call (devices serve the web UI from their own address); the session header is readable by scripts. */
function corsHeaders(req: http.IncomingMessage): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': req.headers.origin ?? '*',
    Vary: 'Origin',
    'Access-Control-Expose-Headers': 'X-Session-Id, X-Request-Id, Retry-After',
  };
}

const HEADER_LIST = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+(?:\s*,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*$/;

function preflight(req: http.IncomingMessage, allowed: string[]): Reply {
  const requested = req.headers['access-control-request-headers'];
  return {
    status: 204,
    headers: {
      Allow: allowed.join(', '),
      'Access-Control-Allow-Methods': allowed.join(', '),
      'Access-Control-Allow-Headers': requested !== undefined && HEADER_LIST.test(requested) ? requested : 'Authorization, Content-Type, X-Session-Id',
      'Access-Control-Max-Age': '600',
    },
  };
}

export function createIndependentServer(options: ServerOptions): http.Server {
  const state = new ConsoleState(loadSeed());
  const tokens = new TokenIssuer();
  const limiter = new RateLimiter(options.rateLimit);

  async function respond(req: http.IncomingMessage, requestId: string): Promise<Reply> {
    const url = req.url ?? '/';
    const queryStart = url.indexOf('?');
    const rawPath = queryStart === -1 ? url : url.slice(0, queryStart);
    const match = matchRoute(rawPath);
    if (!match) throw new HttpError(404, 'No such endpoint');
    const allowed = [...Object.keys(match.methods), 'OPTIONS'];
    if (req.method === 'OPTIONS') return preflight(req, allowed);
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const handler = match.methods[method as 'GET' | 'POST'];
    if (!handler) throw new HttpError(405, `Method ${String(req.method).slice(0, 20)} not allowed here`, { Allow: allowed.join(', ') });
    const body = await readBody(req);
    if (body.kind === 'too-large') {
      return { status: 413, body: NGINX_413_HTML, headers: { 'Content-Type': 'text/html', ...(body.drained ? {} : { Connection: 'close' }) } };
    }
    const call: Call = { requestId, params: match.params, query: new URLSearchParams(queryStart === -1 ? '' : url.slice(queryStart + 1)), headers: req.headers, body: body.bytes, state, tokens };
    return handler(call);
  }

  return http.createServer((req, res) => {
    const requestId = randomUUID();
    const baseHeaders = { Server: 'indep-console/0.1', 'X-Request-Id': requestId, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...corsHeaders(req) };
    const client = req.socket.remoteAddress ?? 'unknown';
    const answer: Promise<Reply> = limiter.admit(client)
      ? respond(req, requestId)
      : Promise.resolve({ status: 429, body: errorBody(429, 'Rate limit exceeded: retry after one second', requestId), headers: { 'Retry-After': '1' } });
    answer
      .catch((error: unknown): Reply => {
        if (error instanceof HttpError) return { status: error.status, body: errorBody(error.status, error.reason, requestId), headers: error.headers };
        console.error(`independent server: ${req.method} ${String(req.url).slice(0, 200)}: ${String((error as Error)?.stack ?? error).slice(0, 2000)}`);
        return { status: 500, body: errorBody(500, 'Unknown error', requestId) };
      })
      .then((reply) => {
        req.resume();
        writeReply(res, reply, baseHeaders);
      })
      .catch(() => res.destroy());
  });
}
