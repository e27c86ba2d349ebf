import type { SendOptions } from '../http/client';
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
  { name: 'lowercase "bearer" scheme', header: async (issued) => `bearer ${issued}` },
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

export function authTable(options: AuthTableOptions): ScenarioSpec[] {
  return AUTH_CASES.map((authCase) => ({
    operationId: options.operationId,
    status: options.documentedStatus ?? 'undocumented',
    title: `${authCase.name} is refused`,
    requirement: options.documentedStatus
      ? `${options.documentedStatus} "Invalid or missing bearer token"; never 2xx.`
      : 'Authorization is required (authParam, enforced by the suite: OAS ignores it); bad credentials are never accepted: a 4xx.',
    needs: options.needs,
    async run(t) {
      const { token } = await t.login();
      const exchange = await t.send(await options.request(t, await authCase.header(token)));
      if (t.expectRejected(exchange, 'ignored_auth') && options.documentedStatus) t.expectStatus(exchange, [options.documentedStatus]);
    },
  }));
}

export interface SessionCase {
  name: string;
  /** The X-Session-Id to send (undefined = none), given a valid session id. */
  header(valid: string): string | undefined;
}

export const BAD_SESSION_CASES: SessionCase[] = [
  { name: 'missing X-Session-Id', header: () => undefined },
  { name: 'empty X-Session-Id', header: () => '' },
  { name: 'uppercase X-Session-Id', header: (valid) => valid.toUpperCase() },
  { name: 'X-Session-Id one character short', header: (valid) => valid.slice(0, -1) },
  { name: 'well-formed but unknown X-Session-Id', header: (valid) => (valid.startsWith('0') ? '1' : '0') + valid.slice(1).replace(/[0-9a-f]/g, (c) => (c === '4' ? '5' : '4')) },
];

export interface SessionTableOptions {
  operationId: string;
  status: number | 'undocumented';
  requirement: string;
  needs?: Need[];
  request(t: ScenarioContext, sessionId: string | undefined): Promise<SendOptions>;
  /** What the answer must be for a session that is not valid. */
  verify(t: ScenarioContext, exchange: Awaited<ReturnType<ScenarioContext['send']>>): void;
}

export function sessionTable(options: SessionTableOptions): ScenarioSpec[] {
  return BAD_SESSION_CASES.map((sessionCase) => ({
    operationId: options.operationId,
    status: options.status,
    title: `${sessionCase.name} is not a valid session`,
    requirement: options.requirement,
    needs: ['licenseKey', ...(options.needs ?? [])],
    async run(t) {
      const session = await t.session();
      const exchange = await t.send(await options.request(t, sessionCase.header(session.id)));
      options.verify(t, exchange);
    },
  }));
}

export interface BadBodyCase {
  name: string;
  rawBody?: string;
  contentType?: string;
}

export const MALFORMED_BODIES: BadBodyCase[] = [
  { name: 'malformed JSON', rawBody: '{"truncated": ', contentType: 'application/json' },
  { name: 'a JSON array instead of an object', rawBody: '[]', contentType: 'application/json' },
  { name: 'a JSON string instead of an object', rawBody: '"text"', contentType: 'application/json' },
  { name: 'a text/plain body that is not JSON', rawBody: 'not json at all', contentType: 'text/plain' },
  { name: 'an oversize body (2 MiB)', rawBody: JSON.stringify({ padding: 'x'.repeat(2 * 1024 * 1024) }), contentType: 'application/json' },
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
}

export function malformedBodyTable(options: BodyTableOptions): ScenarioSpec[] {
  return MALFORMED_BODIES.map((bodyCase) => ({
    operationId: options.operationId,
    status: options.status ?? 'undocumented',
    title: `${bodyCase.name} is rejected`,
    requirement: 'A body that is not the documented JSON object is rejected with a 4xx and an error body, never 2xx or 5xx.',
    needs: options.needs,
    async run(t) {
      const headers = (await options.headers?.(t)) ?? {};
      const exchange = await t.send({
        method: options.method,
        path: options.path,
        headers: { ...headers, 'Content-Type': bodyCase.contentType },
        rawBody: bodyCase.rawBody,
      });
      if (t.expectRejected(exchange) && options.documentedStatuses) t.expectStatus(exchange, options.documentedStatuses);
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
    needs: options.needs,
    async run(t) {
      const headers = (await options.headers?.(t)) ?? {};
      const invalid = (await options.cases(t)).find((candidate) => candidate.name === name)!;
      const exchange = await t.send({ method: options.method, path: options.path, headers, json: invalid.body });
      if (t.expectRejected(exchange) && options.documentedStatuses) t.expectStatus(exchange, options.documentedStatuses);
    },
  }));
}

/** Not integers in any reading (a huge digit string is one, and "1e3" is ambiguous). */
export const BAD_STORE_IDS = ['abc', '1.5', '', 'true'];

/** store_id is an integer: anything else is rejected. */
export function storeIdTable(options: { operationId: string; path: string; authorized?: boolean }): ScenarioSpec[] {
  return BAD_STORE_IDS.map((value) => ({
    operationId: options.operationId,
    status: 'undocumented' as const,
    title: `store_id ${JSON.stringify(value)} (not an integer) is rejected`,
    requirement: 'store_id is schema type integer: a value that is not one is rejected with a 4xx.',
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
    needs,
    async run(t) {
      const options = await request(t);
      const exchange = await t.send({ ...options, path: `/${options.path}` });
      t.expectAccepted(exchange, undefined, 'double_slash_path');
    },
  };
}
