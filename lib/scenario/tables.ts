import { contractPointer, erratumBasis, parameterBasis, realClient, requestBodyBasis, responseBasis, rfc, type Basis } from '../checks/basis';
import type { SendOptions } from '../http/client';
import { contractIndex } from '../spec/contract';
import type { Exchange } from '../http/exchange';
import { badToken, type BadTokenKind } from '../generate/jwt';
import type { ScenarioContext } from './context';
import type { Need, ScenarioSpec } from './types';

/**
 * Scenario tables: the same question asked of every operation it concerns (auth, sessions, bad bodies,
 * store_id). Each row is its own scenario, so one failing row never hides another.
 */

export interface AuthCase {
  name: string;
  /** The Authorization header to send (undefined = none), given a real token of the profile user. */
  header(issued: string): Promise<string | undefined>;
}

const bearerOf = (kind: BadTokenKind) => async (issued: string) => `Bearer ${await badToken(kind, issued)}`;

export const AUTH_CASES: AuthCase[] = [
  { name: 'missing Authorization', header: async () => undefined },
  { name: 'empty Authorization', header: async () => '' },
  { name: 'Basic credentials instead of a bearer token', header: async () => `Basic ${Buffer.from('user:password').toString('base64')}` },
  { name: 'value not matching "Bearer .+"', header: async (issued) => `Token ${issued}` },
  { name: 'bearer token with a tampered payload', header: bearerOf('tampered') },
  { name: 'bearer token with a forged signature', header: bearerOf('forged') },
  { name: 'expired bearer token', header: bearerOf('expired') },
  { name: 'unsigned bearer token (alg none)', header: bearerOf('alg-none') },
];

export interface AuthTableOptions {
  operationId: string;
  /** The request, valid in every way but its Authorization. */
  request(t: ScenarioContext, authorization: string | undefined): Promise<SendOptions>;
  /** The status the contract documents for bad credentials, where it documents one (register: 401). */
  documentedStatus?: number;
  needs?: Need[];
}

/** What the auth tables rest on: the Authorization parameter (which OAS tools ignore) and the documented refusal. */
export const authBasis = (operationId: string, documentedStatus?: number): Basis[] => [
  parameterBasis(operationId, 'Authorization'),
  erratumBasis('authorization-header-ignored-by-oas'),
  ...(documentedStatus ? [responseBasis(operationId, documentedStatus)] : [erratumBasis('undocumented-4xx')]),
];

/**
 * The scheme is case-insensitive (RFC 9110 §11.1): `bearer <token>` may be accepted as the bearer or refused
 * as off the contract's pattern; either is correct, a redirect or a crash is not.
 */
export function lowercaseBearerScenario(options: AuthTableOptions): ScenarioSpec {
  return {
    operationId: options.operationId,
    status: 'undocumented',
    title: 'a lowercase "bearer" scheme is accepted as the bearer or refused',
    requirement: 'The auth scheme is case-insensitive (RFC 9110 §11.1), the contract\'s pattern says "Bearer": a 2xx or a 4xx.',
    strength: 'SHOULD',
    basis: [rfc(9110, '11.1', 'SHOULD')],
    needs: options.needs,
    async run(t) {
      const { token } = await t.login();
      const exchange = await t.send(await options.request(t, `bearer ${token}`));
      const status = exchange.response?.status ?? 0;
      if (status < 500) t.expect('ignored_auth', (status >= 200 && status < 300) || (status >= 400 && status < 500), 'a 2xx or a 4xx', String(status), exchange);
    },
  };
}

export function authTable(options: AuthTableOptions): ScenarioSpec[] {
  return [
    ...AUTH_CASES.map<ScenarioSpec>((authCase) => ({
      operationId: options.operationId,
      status: options.documentedStatus ?? 'undocumented',
      title: `${authCase.name} is refused`,
      requirement: options.documentedStatus
        ? `${options.documentedStatus} "Invalid or missing bearer token"; never 2xx.`
        : 'Authorization is required (authParam, enforced by the suite: OAS ignores it); bad credentials are never accepted: a 4xx.',
      basis: authBasis(options.operationId, options.documentedStatus),
      needs: options.needs,
      async run(t) {
        const { token } = await t.login();
        const exchange = await t.send(await options.request(t, await authCase.header(token)));
        if (t.expectRejected(exchange, 'ignored_auth') && options.documentedStatus) t.expectStatus(exchange, [options.documentedStatus]);
      },
    })),
    lowercaseBearerScenario(options),
  ];
}

export interface SessionCase {
  name: string;
  /** The X-Session-Id to send (undefined = none), given a valid session id. */
  header(valid: string): string | undefined;
  /** It matches the id pattern: only "not found" can refuse it (403), not a malformed-header 400. */
  wellFormed: boolean;
}

/**
 * Sessions that are not valid. The upper-case form of a live id is not among them: UUIDs compare
 * case-insensitively (RFC 9562 §4), so a server may take it for that same session.
 */
export const BAD_SESSION_CASES: SessionCase[] = [
  { name: 'missing X-Session-Id', header: () => undefined, wellFormed: false },
  { name: 'empty X-Session-Id', header: () => '', wellFormed: false },
  { name: 'X-Session-Id one character short', header: (valid) => valid.slice(0, -1), wellFormed: false },
  {
    name: 'well-formed but unknown X-Session-Id',
    header: (valid) => (valid.startsWith('0') ? '1' : '0') + valid.slice(1).toLowerCase().replace(/[0-9a-f]/g, (c) => (c === '4' ? '5' : '4')),
    wellFormed: true,
  },
];

/**
 * A session the server does not know is 403 "Session id invalid or not found"; a missing or malformed header
 * may as well be refused as a bad request or as unauthenticated (400, 401): every one of them a correct reading.
 */
export function expectSessionRefused(t: ScenarioContext, exchange: Exchange, sessionCase: SessionCase): void {
  if (t.expectRejected(exchange, 'ignored_auth')) t.expectStatus(exchange, sessionCase.wellFormed ? [403] : [400, 401, 403]);
}

export interface SessionTableOptions {
  operationId: string;
  status: number | 'undocumented';
  requirement: string;
  basis: Basis[];
  needs?: Need[];
  request(t: ScenarioContext, sessionId: string | undefined): Promise<SendOptions>;
  /** What the answer must be for a session that is not valid. */
  verify(t: ScenarioContext, exchange: Exchange, sessionCase: SessionCase): void;
}

export function sessionTable(options: SessionTableOptions): ScenarioSpec[] {
  return BAD_SESSION_CASES.map((sessionCase) => ({
    operationId: options.operationId,
    status: options.status,
    title: `${sessionCase.name} is not a valid session`,
    requirement: options.requirement,
    basis: options.basis,
    needs: ['licenseKey', ...(options.needs ?? [])],
    async run(t) {
      const session = await t.session();
      const exchange = await t.send(await options.request(t, sessionCase.header(session.id)));
      options.verify(t, exchange, sessionCase);
    },
  }));
}

export interface BadBodyCase {
  name: string;
  rawBody?: string;
  contentType?: string;
  /** SHOULD: a request whose answer may well come from infrastructure in front of the API (a proxy's 413). */
  strength?: 'SHOULD';
}

export const MALFORMED_BODIES: BadBodyCase[] = [
  { name: 'malformed JSON', rawBody: '{"truncated": ', contentType: 'application/json' },
  { name: 'a JSON array instead of an object', rawBody: '[]', contentType: 'application/json' },
  { name: 'a JSON string instead of an object', rawBody: '"text"', contentType: 'application/json' },
  { name: 'a text/plain body that is not JSON', rawBody: 'not json at all', contentType: 'text/plain' },
  { name: 'an oversize body (2 MiB)', rawBody: JSON.stringify({ padding: 'x'.repeat(2 * 1024 * 1024) }), contentType: 'application/json', strength: 'SHOULD' },
];

export interface BodyTableOptions {
  operationId: string;
  method: string;
  path: string;
  /** Headers that make the request valid apart from its body (a session, a token). */
  headers?(t: ScenarioContext): Promise<Record<string, string>>;
  needs?: Need[];
  /** The statuses the contract documents for bad input (register: 400 or 422); otherwise any 4xx. */
  documentedStatuses?: number[];
  status?: number | 'undocumented';
  /** How a correct server may refuse the body, where a 4xx is not the only way (auth/validate: 200 isValid false). */
  verifyRefused?(t: ScenarioContext, exchange: Exchange): void;
}

/** What a bad-body scenario rests on: the documented body, and the documented refusal or any 4xx. */
const bodyBasis = (options: BodyTableOptions): Basis[] => [
  requestBodyBasis(options.operationId),
  ...(options.documentedStatuses ?? []).filter((status) => contractIndex().operation(options.operationId).statuses.includes(status)).map((status) => responseBasis(options.operationId, status)),
  erratumBasis('undocumented-4xx'),
];

function verifyRefused(t: ScenarioContext, exchange: Exchange, options: BodyTableOptions): void {
  if (options.verifyRefused) options.verifyRefused(t, exchange);
  else if (t.expectRejected(exchange) && options.documentedStatuses) t.expectStatus(exchange, options.documentedStatuses);
}

export function malformedBodyTable(options: BodyTableOptions): ScenarioSpec[] {
  return MALFORMED_BODIES.map((bodyCase) => ({
    operationId: options.operationId,
    status: options.status ?? 'undocumented',
    title: `${bodyCase.name} is rejected`,
    requirement: 'A body that is not the documented JSON object is rejected with a 4xx and an error body, never 2xx or 5xx.',
    strength: bodyCase.strength,
    basis: bodyBasis(options),
    needs: options.needs,
    async run(t) {
      const headers = (await options.headers?.(t)) ?? {};
      const exchange = await t.send({
        method: options.method,
        path: options.path,
        headers: { ...headers, 'Content-Type': bodyCase.contentType },
        rawBody: bodyCase.rawBody,
      });
      verifyRefused(t, exchange, options);
    },
  }));
}

export interface InvalidBodyCase {
  name: string;
  body: unknown;
}

/** One scenario per invalid body (a required field missing, a wrong type, a format violated). */
export function invalidBodyTable(options: BodyTableOptions & { cases: (t: ScenarioContext) => Promise<InvalidBodyCase[]> | InvalidBodyCase[]; names: string[] }): ScenarioSpec[] {
  return options.names.map((name) => ({
    operationId: options.operationId,
    status: options.status ?? 'undocumented',
    title: `${name} is rejected`,
    requirement: 'A body that violates the documented schema is rejected with a 4xx and an error body, never accepted.',
    basis: bodyBasis(options),
    needs: options.needs,
    async run(t) {
      const headers = (await options.headers?.(t)) ?? {};
      const invalid = (await options.cases(t)).find((candidate) => candidate.name === name)!;
      const exchange = await t.send({ method: options.method, path: options.path, headers, json: invalid.body });
      verifyRefused(t, exchange, options);
    },
  }));
}

/**
 * Not integers in any reading (a huge digit string is one, and "1e3" is ambiguous). An empty value is not
 * among them: a server may read `store_id=` as no store_id at all.
 */
export const BAD_STORE_IDS = ['abc', '1.5', 'true'];

/** store_id is an integer: anything else is rejected. */
export function storeIdTable(options: { operationId: string; path: string; authorized?: boolean }): ScenarioSpec[] {
  return BAD_STORE_IDS.map((value) => ({
    operationId: options.operationId,
    status: 'undocumented' as const,
    title: `store_id ${JSON.stringify(value)} (not an integer) is rejected`,
    requirement: 'store_id is schema type integer: a value that is not one is rejected with a 4xx.',
    basis: [parameterBasis(options.operationId, 'store_id'), erratumBasis('undocumented-4xx')],
    async run(t) {
      const headers = options.authorized ? { Authorization: `Bearer ${(await t.login()).token}` } : {};
      const exchange = await t.send({ method: 'GET', path: options.path, query: { store_id: value }, headers });
      t.expectRejected(exchange);
    },
  }));
}

/** Real-clients 20: current devices send `//api/v2/...`. */
export function doubleSlashScenario(operationId: string, request: (t: ScenarioContext) => Promise<SendOptions>, needs?: Need[]): ScenarioSpec {
  return {
    operationId,
    status: 'undocumented',
    title: 'a doubled leading slash (//api/v2/…) is served',
    requirement: 'Paths with a doubled leading slash are served like /api/v2/… (real-clients 20, FLECS daemon v5).',
    strength: 'SHOULD',
    basis: [realClient(20)],
    needs,
    async run(t) {
      const options = await request(t);
      const exchange = await t.send({ ...options, path: `/${options.path}` });
      t.expectAccepted(exchange, undefined, 'double_slash_path');
    },
  };
}

export const WEB_UI_ORIGIN = 'http://flecs-device.local';
const allowsOrigin = (value: string | undefined): boolean => value === '*' || value === WEB_UI_ORIGIN;

/** Real-clients 32: the web UI calls this operation from the browser, so its answer allows the device's origin. */
export function corsScenario(operationId: string, status: number, request: (t: ScenarioContext) => Promise<SendOptions>, title: string): ScenarioSpec {
  return {
    operationId,
    status,
    title,
    requirement: 'The web UI calls it from the browser: Access-Control-Allow-Origin for any device origin (real-clients 32).',
    strength: 'SHOULD',
    basis: [realClient(32)],
    async run(t) {
      const options = await request(t);
      const exchange = await t.send({ ...options, headers: { ...options.headers, Origin: WEB_UI_ORIGIN } });
      const allowed = exchange.response?.headers['access-control-allow-origin'];
      t.expect('cors', allowsOrigin(allowed), `Access-Control-Allow-Origin: * or ${WEB_UI_ORIGIN}`, String(allowed), exchange);
    },
  };
}

/** The names of a comma-separated header list, lowercased; empty elements are ignored (RFC 9110 §5.6.1). */
const listedNames = (value: string | undefined): string[] => (value ?? '').split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== '');

/**
 * Whether a browser goes on with the request after this preflight (Fetch, "CORS-preflight fetch"): POST is a
 * CORS-safelisted method, so Access-Control-Allow-Methods need not name it; a requested header must be named in
 * Access-Control-Allow-Headers or covered by `*`, which never covers Authorization.
 */
const preflightAllowsHeader = (allowed: string[]) => (name: string): boolean => allowed.includes(name) || (name !== 'authorization' && allowed.includes('*'));

/** Real-clients 32: an OPTIONS preflight allows POST with the headers the web UI sends. */
export function preflightScenario(operationId: string, path: string, requestHeaders: string[]): ScenarioSpec {
  return {
    operationId,
    status: 'undocumented',
    title: `the CORS preflight allows POST with ${requestHeaders.join(' and ')}`,
    requirement: `OPTIONS preflights on ${path} allow POST with header ${requestHeaders.join(', ')} (real-clients 32).`,
    strength: 'SHOULD',
    basis: [realClient(32)],
    async run(t) {
      const exchange = await t.send({
        method: 'OPTIONS',
        path,
        headers: { Origin: WEB_UI_ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': requestHeaders.join(', ') },
      });
      const headers = exchange.response?.headers ?? {};
      const origin = headers['access-control-allow-origin'];
      const allowHeaders = headers['access-control-allow-headers'];
      const status = exchange.response?.status ?? 0;
      const ok = status >= 200 && status < 300 && allowsOrigin(origin) && requestHeaders.every(preflightAllowsHeader(listedNames(allowHeaders)));
      t.expect('cors', ok, `a 2xx preflight allowing the origin and the headers ${requestHeaders.join(', ')} (* never covers authorization)`, JSON.stringify({ status, origin, allowHeaders }), exchange);
    },
  };
}

/**
 * A method the path does not document. HEAD is safe by definition (RFC 9110 §9.2.1), so even a staging target
 * that implements more than the contract takes no harm. The contract is silent on what it gets, so any answer but
 * a 5xx is accepted; a 405 must say what is allowed.
 */
export function undocumentedMethodScenario(operationId: string, path: string): ScenarioSpec {
  const documented = contractIndex().methodsForPath(path).map((method) => method.toUpperCase());
  return {
    operationId,
    status: 'undocumented',
    title: `HEAD (undocumented here) is no server error, and a 405 allows ${documented.join(', ')}`,
    requirement: `The path documents ${documented.join(', ')} only: HEAD gets no 5xx, and a 405 carries Allow naming ${documented.join(', ')} (RFC 9110 §15.5.6).`,
    basis: [contractPointer('paths', path), erratumBasis('server-error-is-a-defect'), rfc(9110, '15.5.6', 'MUST')],
    async run(t) {
      const exchange = await t.send({ method: 'HEAD', path });
      if (exchange.response?.status !== 405) return;
      const allow = exchange.response.headers['allow'];
      const allowed = (allow ?? '').split(',').map((method) => method.trim()); // method names are case-sensitive (RFC 9110 §9.1)
      t.expect('allowed_methods', documented.every((method) => allowed.includes(method)), `Allow naming ${documented.join(', ')}`, allow === undefined ? 'no Allow header' : `Allow: ${allow}`, exchange);
    },
  };
}
