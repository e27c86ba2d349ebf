import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as zlib from 'node:zlib';
import type { Failure } from '../checks';
import { DEFAULT_MAX_BODY_BYTES, flattenHeaders, parseBody } from '../http/client';
import type { Exchange, ParsedBody } from '../http/exchange';
import { redactor } from '../http/redact';
import { contractIndex } from '../spec/contract';
import type { CompiledContract } from '../spec/compiled';
import { exchangeToEntry, type TrafficRef } from './entry';
import type { HarWriter } from './record';
import { TrafficCheck } from './traffic';

export interface ProxyOptions {
  /** The server every request is forwarded to (http or https; a base path is prefixed). */
  target: string;
  contract: CompiledContract;
  port?: number;
  host?: string;
  /** Writes what passes as a redacted HAR. */
  recorder?: Pick<HarWriter, 'add'>;
  /** One line per finding, as it is found (default: the console). */
  onFinding?: (line: string) => void;
  /** Cap on what is buffered of one body for the checks; larger bodies stream through unchecked. */
  maxBodyBytes?: number;
}

export interface RunningProxy {
  url: string;
  traffic: TrafficCheck;
  close(): Promise<void>;
}

/** Request bodies are kept only for the curl line of a finding and the recording. */
const REQUEST_BODY_CAP = 64 * 1024;

/** A copy of what streams past, up to a cap: the stream itself is never held up. */
class Tap {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;
  overflowed = false;

  constructor(private readonly cap: number) {}

  push(chunk: Buffer): void {
    if (this.overflowed) return;
    this.bytes += chunk.length;
    if (this.bytes > this.cap) {
      this.overflowed = true;
      this.chunks.length = 0;
    } else this.chunks.push(chunk);
  }

  get buffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** The body as the client would read it: decompressed (within the cap), then parsed as the suite's client parses. */
function decodedBody(raw: Buffer, encoding: string | undefined, cap: number): { text: string; body: ParsedBody; bytes: number } {
  const coding = (encoding ?? 'identity').trim().toLowerCase();
  let bytes = raw;
  try {
    if (coding === 'gzip' || coding === 'x-gzip') bytes = zlib.gunzipSync(raw, { maxOutputLength: cap });
    else if (coding === 'deflate') bytes = zlib.inflateSync(raw, { maxOutputLength: cap });
    else if (coding === 'br') bytes = zlib.brotliDecompressSync(raw, { maxOutputLength: cap });
  } catch (error) {
    return { text: '', body: { kind: 'invalid', reason: `the ${coding} body cannot be decoded (${(error as Error).message})` }, bytes: raw.length };
  }
  const { text, body } = parseBody(bytes);
  return { text, body, bytes: bytes.length };
}

const findingLine = (failure: Failure, exchange: Exchange): string =>
  redactor.redactText(
    `[${failure.check}] ${failure.strength} ${failure.operationId} (HTTP ${failure.status ?? '—'}) ${exchange.request.method} ${exchange.request.path.split('?', 1)[0]}: ${failure.actual.replace(/\s+/g, ' ').slice(0, 300)}`,
  );

/**
 * A validating reverse proxy: every request is forwarded unchanged (but for Host) and the response streamed back
 * as it comes, byte for byte; a copy of what the checks need is buffered alongside, and each exchange that
 * addresses an operation is checked once it is complete, off the response's path.
 */
export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const target = new URL(options.target);
  const basePath = target.pathname.replace(/\/$/, '');
  const transport = target.protocol === 'https:' ? https : http;
  const agent = new transport.Agent({ keepAlive: true });
  const cap = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const traffic = new TrafficCheck(options.contract);
  const print = options.onFinding ?? ((line: string) => console.log(line));
  let sequence = 0;

  const finished = new WeakSet<Exchange>();
  function finish(exchange: Exchange, ref: TrafficRef, bodyRecorded: boolean, started: Date): void {
    // A socket error after the response ended must not count the exchange twice.
    if (finished.has(exchange)) return;
    finished.add(exchange);
    if (exchange.operation) {
      const failures = traffic.addExchange(exchange, ref, bodyRecorded);
      if (failures.length > 0) redactor.learnFromExchange(exchange);
      for (const failure of failures) print(findingLine(failure, exchange));
    } else traffic.addUnmatched(exchange.request.method, exchange.request.path, ref);
    options.recorder?.add(exchangeToEntry(exchange, started));
  }

  const server = http.createServer((request, response) => {
    const started = new Date();
    const startedAt = performance.now();
    const path = request.url ?? '/';
    const method = request.method ?? 'GET';
    const operation = contractIndex(options.contract.strict).match(method, path)?.operation;
    // Unmatched traffic streams through untouched unless it is recorded.
    const buffering = operation !== undefined || options.recorder !== undefined;
    const requestTap = new Tap(REQUEST_BODY_CAP);
    const headers: string[] = [];
    for (let i = 0; i < request.rawHeaders.length; i += 2) {
      const name = request.rawHeaders[i];
      headers.push(name, name.toLowerCase() === 'host' ? target.host : request.rawHeaders[i + 1]);
    }
    const exchange: Exchange = {
      id: ++sequence,
      request: { method, url: `${target.origin}${basePath}${path}`, path, headers: flattenHeaders({ ...request.headers, host: target.host }) },
      operation,
    };
    const ref: TrafficRef = { source: 'proxy', index: exchange.id, startedDateTime: started.toISOString() };

    const upstream = transport.request({ protocol: target.protocol, hostname: target.hostname, port: target.port, method, path: `${basePath}${path}`, headers, agent }, (reply) => {
      response.sendDate = false;
      response.writeHead(reply.statusCode ?? 502, reply.statusMessage, reply.rawHeaders);
      const tap = buffering ? new Tap(cap) : undefined;
      if (tap) reply.on('data', (chunk: Buffer) => tap.push(chunk));
      reply.pipe(response);
      reply.on('error', () => response.destroy());
      reply.on('end', () => {
        if (requestTap.buffer.length > 0) exchange.request.body = requestTap.buffer.toString('utf8');
        const bodyRecorded = tap !== undefined && !tap.overflowed;
        const decoded = bodyRecorded ? decodedBody(tap.buffer, reply.headers['content-encoding'], cap) : { text: '', body: { kind: 'none' as const }, bytes: 0 };
        exchange.response = {
          status: reply.statusCode ?? 0,
          statusText: reply.statusMessage ?? '',
          headers: flattenHeaders(reply.headers),
          bodyText: decoded.text,
          bodyBytes: decoded.bytes,
          body: decoded.body,
          durationMs: performance.now() - startedAt,
        };
        // After the response is on its way: the checks never delay the client.
        setImmediate(() => finish(exchange, ref, bodyRecorded, started));
      });
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      exchange.error = { kind: error.code === 'ECONNREFUSED' ? 'connection-refused' : error.code === 'ECONNRESET' ? 'connection-reset' : 'other', message: `${error.code ?? ''} ${error.message}`.trim() };
      if (response.headersSent) response.destroy();
      else response.writeHead(502, { 'content-type': 'text/plain' }).end(`proxy: the target ${target.origin} did not answer (${exchange.error.message})\n`);
      setImmediate(() => finish(exchange, ref, false, started));
    });
    if (buffering) request.on('data', (chunk: Buffer) => requestTap.push(chunk));
    request.pipe(upstream);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}`,
    traffic,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
