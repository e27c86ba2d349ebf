import * as http from 'node:http';
import { stringify } from 'lossless-json';

/**
 * RFC 9110 §15 reason phrases. Node's own table still carries the RFC 7231 names ("Payload Too Large",
 * "Unprocessable Entity"); this server speaks the current ones.
 */
const REASON_PHRASES: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

export const reasonPhrase = (status: number): string => REASON_PHRASES[status] ?? http.STATUS_CODES[status] ?? 'Unknown';

/** What a handler answers; the dispatcher writes it. `body` undefined = no content. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Thrown by handlers for every error answer, so one place shapes the error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(reason);
  }
}

/** The error body: errorDescription, statusCode equal to the HTTP status, plus the request id. */
export const errorBody = (status: number, reason: string, requestId: string): Record<string, unknown> => ({
  statusCode: status,
  statusText: reasonPhrase(status),
  reason,
  requestId,
});

/** JSON text; bigints (nanosecond timestamps beyond 2^53) are written as exact integers. */
const jsonText = (value: unknown): string => stringify(value) ?? 'null';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** What nginx in front of the console answers for an oversized body (client_max_body_size). */
export const NGINX_413_HTML =
  '<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

export function writeReply(res: http.ServerResponse, reply: Reply, baseHeaders: Record<string, string>): void {
  const headers: Record<string, string> = { ...baseHeaders, ...reply.headers };
  let payload: string | undefined;
  if (reply.body !== undefined) {
    payload = typeof reply.body === 'string' ? reply.body : jsonText(reply.body);
    headers['Content-Type'] ??= JSON_CONTENT_TYPE;
    headers['Content-Length'] = String(Buffer.byteLength(payload));
  }
  res.writeHead(reply.status, reasonPhrase(reply.status), headers);
  res.end(payload);
}
