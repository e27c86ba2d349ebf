import * as http from 'node:http';
import * as https from 'node:https';
import type { AxiosError, AxiosInstance, AxiosStatic } from 'axios';
import { contractIndex } from '../spec/contract';
import { processShared } from '../spec/shared';
import type { Exchange, ParsedBody, RecordedRequest, RecordedResponse, TransportError } from './exchange';
import { redactor } from './redact';

export interface ClientOptions {
  baseUrl: string;
  /** Total deadline per request, connection to last byte (a server that drips bytes still times out). */
  timeoutMs?: number;
  /** Cap on the response body after decompression. */
  maxBodyBytes?: number;
  /** Requests per second; 0 = unlimited. */
  rateLimit?: number;
  concurrency?: number;
}

export interface SendOptions {
  method: string;
  /** Path below the base URL, sent as given: encode it yourself; `//api/...` stays doubled. */
  path: string;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string | undefined>;
  /** Serialised as JSON with Content-Type application/json unless a content-type header is given. */
  json?: unknown;
  /** Sent byte for byte; no content type is added. */
  rawBody?: string | Buffer;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
/** A 429 is waited out and retried (RFC 6585 §4, RFC 9110 §10.2.3): never a finding, at most this often per request. */
export const MAX_THROTTLE_RETRIES = 10;
const MAX_RETRY_AFTER_S = 60;

/** Seconds to wait per Retry-After (delay-seconds or an HTTP-date); 1 s when absent or unreadable. */
export function retryAfterSeconds(value: string | undefined, now = Date.now()): number {
  if (value === undefined) return 1;
  const seconds = /^\s*(\d+)\s*$/.exec(value) ? Number(value) : (Date.parse(value) - now) / 1000;
  return Number.isFinite(seconds) ? Math.min(Math.max(seconds, 0), MAX_RETRY_AFTER_S) : 1;
}
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

/** A body as the checks read it: UTF-8 text, parsed as JSON where it is JSON (also for recorded traffic). */
export function parseBody(bytes: Buffer): { text: string; body: ParsedBody } {
  if (bytes.length === 0) return { text: '', body: { kind: 'none' } };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { text: bytes.toString('latin1'), body: { kind: 'invalid', reason: 'the body is not valid UTF-8' } };
  }
  try {
    return { text, body: { kind: 'json', value: JSON.parse(text) } };
  } catch (error) {
    return { text, body: { kind: 'invalid', reason: `the body is not JSON (${(error as Error).message})` } };
  }
}

/** Lower-case names, repeated headers joined (the form RecordedResponse keeps). */
export function flattenHeaders(headers: Record<string, unknown>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(name.toLowerCase() === 'set-cookie' ? '\n' : ', ') : String(value);
  }
  return flat;
}

function classify(error: unknown, timeoutMs: number): TransportError {
  const axiosError = error as AxiosError & { cause?: { code?: string } };
  const code = axiosError.code ?? axiosError.cause?.code ?? '';
  if (code === 'ERR_CANCELED' || code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
    return { kind: 'timeout', message: `no complete response within ${timeoutMs} ms` };
  }
  if (code === 'ECONNREFUSED') return { kind: 'connection-refused', message: 'connection refused' };
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(axiosError.message)) {
    return { kind: 'connection-reset', message: 'the connection was closed before a complete response' };
  }
  if (code === 'ERR_BAD_RESPONSE' && /maxContentLength/i.test(axiosError.message)) {
    return { kind: 'response-too-large', message: axiosError.message };
  }
  if (code.startsWith('HPE_') || /parse error/i.test(axiosError.message)) {
    return { kind: 'not-http', message: `the reply is not valid HTTP (${code || axiosError.message})` };
  }
  return { kind: 'other', message: `${code ? code + ': ' : ''}${axiosError.message}` };
}

/**
 * The one HTTP client of the suite: never throws on a status, never follows a redirect, never sends
 * anything anywhere but the configured origin, records every exchange, and learns every secret it carries.
 */
export class HttpClient {
  readonly baseUrl: URL;
  readonly timeoutMs: number;
  private readonly axios: AxiosInstance;
  private readonly minIntervalMs: number;
  private nextSlot = 0;
  private sequence = 0;
  /** How often the target answered 429 (each waited out and retried). */
  throttled = 0;
  private readonly listeners: Array<(exchange: Exchange) => void> = [];
  private readonly agents: [http.Agent, https.Agent];

  constructor(options: ClientOptions) {
    this.baseUrl = new URL(options.baseUrl);
    if (!/^https?:$/.test(this.baseUrl.protocol)) throw new Error(`target URL must be http or https: ${options.baseUrl}`);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.minIntervalMs = options.rateLimit ? 1000 / options.rateLimit : 0;
    const agentOptions = { keepAlive: true, maxSockets: options.concurrency ?? 8 };
    this.agents = [new http.Agent(agentOptions), new https.Agent(agentOptions)];
    // In a test file of a run, the environment's axios: loaded and optimised once per process, not once per file.
    const axios = processShared()?.axios ?? (require('axios') as { default: AxiosStatic }).default;
    this.axios = axios.create({
      validateStatus: () => true,
      maxRedirects: 0,
      responseType: 'arraybuffer',
      transformRequest: [(data: unknown) => data],
      transformResponse: [(data: unknown) => data],
      decompress: true,
      maxContentLength: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      maxBodyLength: Infinity,
      httpAgent: this.agents[0],
      httpsAgent: this.agents[1],
      proxy: false,
    });
  }

  /** Closes the kept-alive connections: an open socket keeps everything its client reaches alive. */
  close(): void {
    for (const agent of this.agents) agent.destroy();
  }

  onExchange(listener: (exchange: Exchange) => void): () => void {
    this.listeners.push(listener);
    return () => this.listeners.splice(this.listeners.indexOf(listener), 1);
  }

  /** The absolute URL of a path below the base URL; refuses anything that would leave the origin. */
  urlFor(path: string, query?: SendOptions['query']): string {
    const basePath = this.baseUrl.pathname.replace(/\/$/, '');
    let url = `${this.baseUrl.origin}${basePath}${path.startsWith('/') ? path : '/' + path}`;
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined) search.append(name, String(value));
    if ([...search].length > 0) url += (url.includes('?') ? '&' : '?') + search.toString();
    if (new URL(url).origin !== this.baseUrl.origin) throw new Error(`refusing to send a request outside ${this.baseUrl.origin}`);
    return url;
  }

  private async waitForSlot(): Promise<void> {
    if (this.minIntervalMs === 0) return;
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.minIntervalMs;
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
  }

  async send(options: SendOptions): Promise<Exchange> {
    const url = this.urlFor(options.path, options.query);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(options.headers ?? {})) if (value !== undefined) headers[name] = value;
    let body: string | Buffer | undefined = options.rawBody;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
    }
    const request: RecordedRequest = {
      method: options.method.toUpperCase(),
      url,
      path: url.slice(this.baseUrl.origin.length),
      headers,
      body: body === undefined ? undefined : body.toString(),
    };
    redactor.learnFromHeaders(headers);
    if (options.json !== undefined) redactor.learnFromJson(options.json);
    const exchange: Exchange = { id: ++this.sequence, request, operation: contractIndex().match(request.method, request.path)?.operation };

    for (let attempt = 0; ; attempt++) {
      await this.exchangeOnce(exchange, body);
      if (exchange.response?.status !== 429 || attempt === MAX_THROTTLE_RETRIES) break;
      this.throttled++;
      await new Promise((resolve) => setTimeout(resolve, retryAfterSeconds(exchange.response!.headers['retry-after']) * 1000));
    }
    for (const listener of this.listeners) listener(exchange);
    return exchange;
  }

  private async exchangeOnce(exchange: Exchange, body: string | Buffer | undefined): Promise<void> {
    const { request } = exchange;
    const { url, headers } = request;
    exchange.response = undefined;
    exchange.error = undefined;
    await this.waitForSlot();
    const started = performance.now();
    try {
      const response = await this.axios.request<ArrayBuffer>({
        url,
        method: request.method,
        // axios adds Accept and a form content type when left to itself: say exactly what was asked.
        headers: { Accept: 'application/json', 'User-Agent': 'flecs-console-conformance', 'Content-Type': false, ...headers },
        data: body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const bytes = Buffer.from(response.data ?? new ArrayBuffer(0));
      const { text, body: parsed } = parseBody(bytes);
      const recorded: RecordedResponse = {
        status: response.status,
        statusText: response.statusText,
        headers: flattenHeaders(response.headers as Record<string, unknown>),
        bodyText: text,
        bodyBytes: bytes.length,
        body: parsed,
        durationMs: performance.now() - started,
      };
      if (parsed.kind === 'json') redactor.learnFromJson(parsed.value);
      exchange.response = recorded;
    } catch (error) {
      exchange.error = classify(error, this.timeoutMs);
    }
  }
}
