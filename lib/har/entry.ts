import type { Entry, Header } from 'har-format';
import { DEFAULT_MAX_BODY_BYTES, flattenHeaders, parseBody } from '../http/client';
import type { Exchange, RecordedRequest, RecordedResponse, TransportError } from '../http/exchange';
import { redactor } from '../http/redact';
import { contractIndex } from '../spec/contract';

/** Where an exchange of recorded traffic came from: every finding names it. */
export interface TrafficRef {
  /** The HAR file, or "proxy". */
  source: string;
  /** 0-based position in the file's log.entries (or the proxy's count). */
  index: number;
  startedDateTime: string;
}

export const describeRef = (ref: TrafficRef): string =>
  ref.source === 'proxy' ? `exchange #${ref.index} through the proxy, started ${ref.startedDateTime}` : `HAR entry #${ref.index} of ${ref.source}, started ${ref.startedDateTime}`;

/** Our own recordings keep a transport failure (timeout, reset) here: the server failed, not the recording. */
export const TRANSPORT_ERROR_FIELD = '_transportError';

export type ConvertedEntry =
  /** `bodyRecorded` false: the HAR holds no (or too large a) body; only checks that need none apply. */
  | { kind: 'exchange'; exchange: Exchange; bodyRecorded: boolean }
  | { kind: 'unmatched'; method: string; path: string }
  | { kind: 'no-response'; method: string; path: string; reason: string }
  | { kind: 'malformed'; reason: string };

/** HAR headers as RecordedRequest keeps them; HTTP/2 pseudo-headers (`:authority`) are no headers. */
function requestHeaders(headers: Header[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const { name, value } of headers) if (!name.startsWith(':')) result[name] = result[name] === undefined ? value : `${result[name]}, ${value}`;
  return result;
}

function responseHeaders(headers: Header[]): Record<string, string> {
  const grouped: Record<string, string[]> = {};
  for (const { name, value } of headers) if (!name.startsWith(':')) (grouped[name.toLowerCase()] ??= []).push(value);
  return flattenHeaders(grouped);
}

const decode = (text: string, encoding: string | undefined): Buffer => Buffer.from(text, encoding === 'base64' ? 'base64' : 'utf8');

function requestBody(entry: Entry): string | undefined {
  const postData = entry.request.postData as (Entry['request']['postData'] & { encoding?: string }) | undefined;
  if (typeof postData?.text !== 'string') return undefined;
  return postData.encoding === 'base64' ? decode(postData.text, 'base64').toString('utf8') : postData.text;
}

function isHeaderList(value: unknown): value is Header[] {
  return Array.isArray(value) && value.every((header) => typeof header?.name === 'string' && typeof header?.value === 'string');
}

/** A HAR 1.2 entry as the exchange the suite's checks read, matched to its operation as the suite matches. */
export function entryToExchange(entry: Entry, id: number): ConvertedEntry {
  const request = entry?.request;
  if (typeof request?.method !== 'string' || typeof request.url !== 'string') return { kind: 'malformed', reason: 'no request.method and request.url' };
  let origin: string;
  try {
    origin = new URL(request.url).origin;
  } catch {
    return { kind: 'malformed', reason: 'request.url is not a URL' };
  }
  // The path as sent: a doubled leading slash and the percent-encoding kept (new URL would keep them too, but not a bare "?").
  const path = request.url.slice(origin.length) || '/';
  const method = request.method.toUpperCase();
  const match = contractIndex().match(method, path);
  if (!match) return { kind: 'unmatched', method, path: path.split('?', 1)[0] };
  const recordedRequest: RecordedRequest = { method, url: request.url, path, headers: isHeaderList(request.headers) ? requestHeaders(request.headers) : {}, body: requestBody(entry) };
  const exchange: Exchange = { id, request: recordedRequest, operation: match.operation };

  const response = entry.response as (Entry['response'] & { [TRANSPORT_ERROR_FIELD]?: TransportError }) | undefined;
  if (response?.[TRANSPORT_ERROR_FIELD]) {
    exchange.error = response[TRANSPORT_ERROR_FIELD];
    return { kind: 'exchange', exchange, bodyRecorded: false };
  }
  if (typeof response?.status !== 'number' || response.status < 100) {
    const reason = response === undefined || response === null ? 'the entry has no response' : `status ${String(response.status)}: no response was recorded (cancelled or failed in the client)`;
    return { kind: 'no-response', method, path: path.split('?', 1)[0], reason };
  }
  const content = (response.content ?? {}) as Entry['response']['content'] & { encoding?: string };
  const text = typeof content.text === 'string' ? content.text : undefined;
  const bytes = text === undefined ? Buffer.alloc(0) : decode(text, content.encoding);
  // No text but a size: the recorder left the body out. Over the client's cap: too large to check.
  const bodyRecorded = (text !== undefined || content.size === 0) && bytes.length <= DEFAULT_MAX_BODY_BYTES;
  const parsed = bodyRecorded ? parseBody(bytes) : { text: '', body: { kind: 'none' as const } };
  const recorded: RecordedResponse = {
    status: response.status,
    statusText: typeof response.statusText === 'string' ? response.statusText : '',
    headers: isHeaderList(response.headers) ? responseHeaders(response.headers) : {},
    bodyText: parsed.text,
    bodyBytes: bodyRecorded ? bytes.length : typeof content.size === 'number' && content.size > 0 ? content.size : 0,
    body: parsed.body,
    durationMs: typeof entry.time === 'number' ? entry.time : 0,
  };
  exchange.response = recorded;
  return { kind: 'exchange', exchange, bodyRecorded };
}

const headerList = (headers: Record<string, string>): Header[] =>
  Object.entries(redactor.redactHeaders(headers)).flatMap(([name, value]) => (name.toLowerCase() === 'set-cookie' ? value.split('\n') : [value]).map((line) => ({ name, value: line })));

/** A body as HAR content: text when it was UTF-8, else its bytes (recovered from the latin1 text) as base64. */
function content(response: RecordedResponse): Entry['response']['content'] {
  const mimeType = response.headers['content-type'] ?? 'x-unknown';
  const text = redactor.redactText(response.bodyText);
  if (Buffer.byteLength(response.bodyText, 'utf8') === response.bodyBytes) return { size: Buffer.byteLength(text, 'utf8'), mimeType, text };
  const bytes = Buffer.from(text, 'latin1');
  return { size: bytes.length, mimeType, text: bytes.toString('base64'), encoding: 'base64' };
}

/**
 * An exchange as a redacted HAR 1.2 entry: credentials, session ids (by stand-ins of the same shape),
 * cookies, passwords, licence keys and JWTs replaced, so the file can be shared and re-checked with --har.
 */
export function exchangeToEntry(exchange: Exchange, startedDateTime: Date): Entry {
  redactor.learnFromExchange(exchange);
  const { request, response } = exchange;
  const url = redactor.redactText(request.url);
  const requestContentType = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? 'application/octet-stream';
  const body = request.body === undefined ? undefined : redactor.redactText(request.body);
  const duration = response?.durationMs ?? 0;
  return {
    startedDateTime: startedDateTime.toISOString(),
    time: duration,
    request: {
      method: request.method,
      url,
      httpVersion: 'HTTP/1.1',
      headers: headerList(request.headers),
      queryString: [...new URL(url).searchParams].map(([name, value]) => ({ name, value })),
      cookies: [],
      headersSize: -1,
      bodySize: body === undefined ? 0 : Buffer.byteLength(body, 'utf8'),
      ...(body === undefined ? {} : { postData: { mimeType: requestContentType, text: body } }),
    },
    response: response
      ? {
          status: response.status,
          statusText: response.statusText,
          httpVersion: 'HTTP/1.1',
          headers: headerList(response.headers),
          cookies: [],
          content: content(response),
          redirectURL: redactor.redactText(response.headers.location ?? ''),
          headersSize: -1,
          bodySize: response.bodyBytes,
        }
      : ({ status: 0, statusText: '', httpVersion: '', headers: [], cookies: [], content: { size: 0, mimeType: 'x-unknown' }, redirectURL: '', headersSize: -1, bodySize: -1, [TRANSPORT_ERROR_FIELD]: redactor.redactDeep(exchange.error) } as Entry['response']),
    cache: {},
    timings: { send: 0, wait: duration, receive: 0 },
  };
}
