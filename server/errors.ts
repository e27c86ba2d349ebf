import { STATUS_CODES } from 'node:http';
import type { FastifyReply } from 'fastify';

/** Every error the reference server sends: errorDescription {reason, statusCode, statusText}. */
export function errorBody(status: number, reason: string): { reason: string; statusCode: number; statusText: string } {
  return { reason, statusCode: status, statusText: STATUS_CODES[status] ?? 'Error' };
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    reason: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(reason);
  }
}

export function sendError(reply: FastifyReply, status: number, reason: string, headers: Record<string, string> = {}): FastifyReply {
  return reply.code(status).headers(headers).type('application/json').send(errorBody(status, reason));
}
