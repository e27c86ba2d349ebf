import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { TokenIssuer } from './auth';
import type { UserRecord } from './data';
import { HttpError } from './errors';
import type { ActiveFault } from './faults';
import type { ServerState, SessionRecord, LicenceRecord } from './state';

export interface HandlerContext {
  state: ServerState;
  tokens: TokenIssuer;
  faults: ActiveFault;
}

export const SESSION_ID = /^[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}$/;
export const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** The X-Session-Id response header as real FLECS devices read it: the JSON text of {id, timestamp}. */
export const sessionHeader = (session: SessionRecord): Record<string, string> => ({
  'x-session-id': JSON.stringify({ id: session.id, timestamp: session.timestamp }),
});

export function success(reply: FastifyReply, status: number, data: unknown, headers: Record<string, string> = {}): FastifyReply {
  return reply.code(status).headers(headers).send({ statusCode: status, statusText: STATUS_CODES[status], data });
}

export const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};

/** The body as a plain object, or a 400: bodies are JSON objects everywhere in this API. */
export function objectBody(request: FastifyRequest, { optional }: { optional: boolean }): Record<string, unknown> {
  const body = request.body;
  if (body === undefined || body === null) {
    if (optional) return {};
    throw new HttpError(400, 'Invalid payload: a JSON object body is required');
  }
  if (typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'Invalid payload: the body must be a JSON object');
  return body as Record<string, unknown>;
}

/** Rejects properties a schema with additionalProperties: false does not define. */
// Stryker disable next-line StringLiteral: where only words the 400's reason
export function rejectUnknown(body: Record<string, unknown>, allowed: string[], where = 'body'): void {
  const unknown = Object.keys(body).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) throw new HttpError(400, `Invalid payload: unknown property ${unknown[0]} in ${where}`);
}

export function expectType(value: unknown, type: 'string' | 'boolean' | 'integer' | 'number' | 'object', field: string, required: boolean): void {
  if (value === undefined) {
    if (required) throw new HttpError(400, `Invalid payload: missing required field '${field}'`);
    return;
  }
  const ok =
    type === 'integer' ? Number.isInteger(value) :
    type === 'object' ? value !== null && typeof value === 'object' && !Array.isArray(value) :
    typeof value === type;
  if (!ok) throw new HttpError(400, `Invalid payload: '${field}' must be ${type === 'integer' ? 'an' : 'a'} ${type}`);
}

/** The user behind a required `Authorization: Bearer <jwt>`, or the given error status. */
export async function requireUser(context: HandlerContext, request: FastifyRequest, status = 401): Promise<UserRecord> {
  const userId = await context.tokens.verifyHeader(header(request, 'authorization'));
  const user = context.state.user(userId);
  if (!user) throw new HttpError(status, 'Invalid or missing bearer token');
  return user;
}

/** The licence of the X-Session-Id request header; 403 "Session not found" otherwise (manifests, tokens). */
export function requireSession(context: HandlerContext, request: FastifyRequest): { licence?: LicenceRecord; session: SessionRecord } {
  const licence = context.state.licenceOfSession(header(request, 'x-session-id') ?? '');
  if (licence?.active) return { licence, session: licence.active };
  throw new HttpError(403, 'Session not found');
}

/** store_id: absent → default store; not an integer → 400; unknown → 404. */
export function storeFromQuery(context: HandlerContext, request: FastifyRequest): number | undefined {
  const raw = (request.query as Record<string, string | string[] | undefined>).store_id;
  if (raw === undefined) return undefined;
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!/^-?\d+$/.test(value)) throw new HttpError(400, `Invalid query parameter store_id: ${JSON.stringify(value)} is not an integer`);
  const id = Number(value);
  if (!context.state.store(id)) throw new HttpError(404, `Store ${id} not found`);
  return id;
}
