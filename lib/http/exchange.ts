import type { OperationInfo } from '../spec/contract';

export interface RecordedRequest {
  method: string;
  url: string;
  /** The path as sent (percent-encoding and a doubled leading slash kept). */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export type ParsedBody = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'invalid'; reason: string };

export interface RecordedResponse {
  status: number;
  statusText: string;
  /** Lower-case names; repeated headers joined with ", " (set-cookie with "\n"). */
  headers: Record<string, string>;
  bodyText: string;
  bodyBytes: number;
  body: ParsedBody;
  durationMs: number;
}

export type TransportErrorKind =
  | 'timeout'
  | 'connection-refused'
  | 'connection-reset'
  | 'response-too-large'
  | 'not-http'
  | 'redirect-elsewhere'
  | 'other';

export interface TransportError {
  kind: TransportErrorKind;
  message: string;
}

export interface Exchange {
  id: number;
  request: RecordedRequest;
  response?: RecordedResponse;
  error?: TransportError;
  /** The operation the request addressed, when it matches the contract. */
  operation?: OperationInfo;
}
