import type { Exchange, ParsedBody } from '../../lib/http/exchange';
import { contractIndex } from '../../lib/spec/contract';

export interface CraftedResponse {
  operationId: string;
  status: number;
  body?: unknown;
  /** Sent as is instead of JSON.stringify(body). */
  bodyText?: string;
  headers?: Record<string, string>;
}

/** An exchange as the HTTP client would record it, for checking checks without a server. */
export function crafted(response: CraftedResponse): Exchange {
  const operation = contractIndex().operation(response.operationId);
  const bodyText = response.bodyText ?? (response.body === undefined ? '' : JSON.stringify(response.body));
  let body: ParsedBody = { kind: 'none' };
  if (bodyText !== '') {
    try {
      body = { kind: 'json', value: JSON.parse(bodyText) };
    } catch {
      body = { kind: 'invalid', reason: 'the body is not JSON' };
    }
  }
  const defaultType: Record<string, string> = bodyText === '' ? {} : { 'content-type': 'application/json; charset=utf-8' };
  return {
    id: 1,
    operation,
    request: { method: operation.method.toUpperCase(), url: `http://127.0.0.1${operation.pathTemplate}`, path: operation.pathTemplate, headers: {} },
    response: {
      status: response.status,
      statusText: '',
      headers: { ...defaultType, ...response.headers },
      bodyText,
      bodyBytes: Buffer.byteLength(bodyText),
      body,
      durationMs: 1,
    },
  };
}
