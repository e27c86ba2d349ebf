import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import type { Entry } from 'har-format';
import type { HttpClient } from '../http/client';
import type { Exchange } from '../http/exchange';
import { exchangeToEntry } from './entry';
import { RECORD_HAR_VARIABLE } from './record-flag';

/** Test files run in their own module registries: each appends its entries here, the teardown assembles the HAR. */
const RECORD_PARTS_VARIABLE = 'CONSOLE_RECORD_HAR_PARTS';

const CREATOR = { name: 'flecs-console-conformance', version: '0.1.0' };

/** Writes a HAR 1.2 file entry by entry, so neither the proxy nor a long run holds its traffic in memory. */
export class HarWriter {
  private readonly fd: number;
  private entries = 0;

  constructor(readonly file: string) {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.fd = fs.openSync(file, 'w');
    fs.writeSync(this.fd, `{"log":{"version":"1.2","creator":${JSON.stringify(CREATOR)},"entries":[`);
  }

  /** An entry, or the JSON text of one. */
  add(entry: Entry | string): void {
    fs.writeSync(this.fd, `${this.entries++ === 0 ? '\n' : ',\n'}${typeof entry === 'string' ? entry : JSON.stringify(entry)}`);
  }

  close(): void {
    fs.writeSync(this.fd, '\n]}}\n');
    fs.closeSync(this.fd);
  }
}

/** When the exchange started: its end less its duration (the client reports exchanges when they end). */
const startOf = (exchange: Exchange): Date => new Date(Date.now() - (exchange.response?.durationMs ?? 0));

/** Every exchange of a client, as a redacted entry, to a writer. Returns the unsubscribe function. */
export const recordExchanges = (http: HttpClient, writer: Pick<HarWriter, 'add'>): (() => void) =>
  http.onExchange((exchange) => writer.add(exchangeToEntry(exchange, startOf(exchange))));

/** Global setup of a run with --record-har: where the test files append their entries. */
export function startRunRecording(): void {
  if (!process.env[RECORD_HAR_VARIABLE]) return;
  const parts = path.join(os.tmpdir(), `flecs-console-har-${process.pid}-${Date.now().toString(36)}.jsonl`);
  fs.writeFileSync(parts, '');
  process.env[RECORD_PARTS_VARIABLE] = parts;
}

/** A client of a test file of a run with --record-har appends each exchange to the run's parts file. */
export function recordIfAsked(http: HttpClient): void {
  const parts = process.env[RECORD_PARTS_VARIABLE];
  if (parts) recordExchanges(http, { add: (entry) => fs.appendFileSync(parts, JSON.stringify(entry) + '\n') });
}

/** Global teardown: the parts become the HAR file, streamed line by line. */
export async function finishRunRecording(): Promise<void> {
  const parts = process.env[RECORD_PARTS_VARIABLE];
  const file = process.env[RECORD_HAR_VARIABLE];
  if (!parts || !file) return;
  const writer = new HarWriter(file);
  for await (const line of readline.createInterface({ input: fs.createReadStream(parts), crlfDelay: Infinity })) if (line) writer.add(line);
  writer.close();
  fs.rmSync(parts, { force: true });
  delete process.env[RECORD_PARTS_VARIABLE];
  console.log(`Recorded traffic (redacted HAR): ${file}`);
}
