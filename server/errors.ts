import { STATUS_CODES } from 'node:http';

/** Every error the reference server sends: errorDescription {reason, statusCode, statusText}. */
export function errorBody(status: number, reason: string): { reason: string; statusCode: number; statusText: string } {
  // Stryker disable next-line StringLiteral: every status this server sends has a Node reason phrase, so the fallback is never taken
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

