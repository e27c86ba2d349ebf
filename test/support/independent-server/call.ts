import type { IncomingHttpHeaders } from 'node:http';
import type { TokenIssuer } from './credentials';
import { bearerToken, unauthorized } from './credentials';
import type { ConsoleState, Session, UserRecord } from './state';
import { HttpError, reasonPhrase } from './wire';

/** One request as a handler sees it. */
export interface Call {
  requestId: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  state: ConsoleState;
  tokens: TokenIssuer;
}

type JsonBody = { kind: 'absent' } | { kind: 'value'; value: unknown } | { kind: 'malformed' };

/**
 * The body read as JSON whatever its Content-Type says (legacy daemons send JSON as
 * application/x-www-form-urlencoded). An empty or all-whitespace body is no body.
 */
export function jsonBody(call: Call): JsonBody {
  const text = call.body.toString('utf8');
  if (text.trim() === '') return { kind: 'absent' };
  try {
    return { kind: 'value', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'malformed' };
  }
}

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON object body, or a 400. */
export function objectBody(call: Call, what: string): Record<string, unknown> {
  const body = jsonBody(call);
  if (body.kind === 'malformed') throw new HttpError(400, 'Request body is not valid JSON');
  if (body.kind === 'absent' || !isObject(body.value)) throw new HttpError(400, `Request body must be a JSON object with ${what}`);
  return body.value;
}

export const header = (call: Call, name: string): string | undefined => {
  const value = call.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
};

/** An empty query value (`store_id=`) is the parameter left out; a repeated one is ambiguous. */
export function queryValue(call: Call, name: string): string | undefined {
  const values = call.query.getAll(name).filter((value) => value !== '');
  if (values.length > 1) throw new HttpError(400, `Query parameter ${name} given more than once`);
  return values[0];
}

const INTEGER = /^-?\d{1,15}$/;

export function integerQuery(call: Call, name: string, min = Number.MIN_SAFE_INTEGER): number | undefined {
  const raw = queryValue(call, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!INTEGER.test(raw) || value < min) throw new HttpError(400, `Invalid query parameter ${name}`);
  return value;
}

/** The contract's `id` pattern, read case-insensitively: UUIDs are not case-sensitive. */
const SESSION_ID = /^[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i;

type SessionHeader = { kind: 'absent' } | { kind: 'malformed' } | { kind: 'id'; id: string };

export function sessionHeader(call: Call): SessionHeader {
  const raw = header(call, 'X-Session-Id')?.trim();
  if (raw === undefined || raw === '') return { kind: 'absent' };
  return SESSION_ID.test(raw) ? { kind: 'id', id: raw } : { kind: 'malformed' };
}

/** The X-Session-Id response header: the JSON text of sessionId, timestamp as an exact integer. */
export const sessionHeaderValue = (session: Pick<Session, 'id' | 'timestamp'>): string =>
  `{"id":"${session.id}","timestamp":${session.timestamp.toString()}}`;

/**
 * Where the contract requires X-Session-Id on an answer to a request that brought no usable session
 * (manifests 400), the Nil UUID (RFC 9562 §5.9) says "no session".
 */
export const NO_SESSION_HEADER = sessionHeaderValue({ id: '00000000-0000-0000-0000-000000000000', timestamp: 0n });

/**
 * The session a request must bring: missing, empty or malformed is a bad request (400), a well-formed
 * id the server never issued is "Session not found" (403).
 */
export function requiredSession(call: Call, badRequestHeaders: Record<string, string> = {}): Session {
  const presented = sessionHeader(call);
  if (presented.kind === 'absent') throw new HttpError(400, 'Missing Header: X-Session-Id', badRequestHeaders);
  if (presented.kind === 'malformed') throw new HttpError(400, 'Malformed Header: X-Session-Id', badRequestHeaders);
  const session = call.state.session(presented.id);
  if (!session) throw new HttpError(403, 'Session not found');
  return session;
}

/** The user of `Authorization: Bearer <jwt>`, or a 401 with a challenge. */
export async function bearerUser(call: Call, authorization = header(call, 'Authorization')): Promise<UserRecord> {
  const token = bearerToken(authorization);
  const userId = token === undefined ? undefined : await call.tokens.userIdOf(token);
  const user = userId === undefined ? undefined : call.state.userById(userId);
  if (!user) throw unauthorized(authorization !== undefined && authorization.trim() !== '');
  return user;
}

/** The success envelope of every operation whose schema allows extra fields. */
export const success = (call: Call, status: number, data: unknown): Record<string, unknown> => ({
  statusCode: status,
  statusText: reasonPhrase(status),
  data,
  requestId: call.requestId,
});
