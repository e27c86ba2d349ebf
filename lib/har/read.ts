import * as fs from 'node:fs';
import { chain } from 'stream-chain';
import { parser } from 'stream-json';
// The package's export map ("./*" → "./src/*") is beyond this project's moduleResolution: types by file path.
const { pick } = require('stream-json/filters/pick.js') as typeof import('stream-json/src/filters/pick');
const { streamArray } = require('stream-json/streamers/stream-array.js') as typeof import('stream-json/src/streamers/stream-array');

/** A file that cannot be read as HAR: the run cannot be made (exit 2), and the message says why in one line. */
export class HarReadError extends Error {}

const HAR_SHAPE = 'a HAR 1.2 file is {"log": {"version", "creator", "entries": [...]}}';

/**
 * Streams `log.entries` of a HAR file one entry at a time, so memory is bounded by the largest entry, not by the
 * file. Returns the number of entries; throws HarReadError for anything that is not HAR.
 *
 * A byte scanner finds each entry's text and JSON.parse reads it (three times stream-json's speed, which builds
 * every value token by token); the rest of the file is parsed as a skeleton with the entries left out. Whatever the
 * scanner does not accept, stream-json reads again to say exactly what is wrong.
 */
export async function readHarEntries(file: string, onEntry: (entry: unknown, index: number) => void, chunkBytes = 1 << 20): Promise<number> {
  checkReadable(file);
  try {
    return await scanEntries(file, onEntry, chunkBytes);
  } catch (error) {
    if (!(error instanceof MalformedHar)) throw error;
    await explainHarEntries(file);
    throw new HarReadError(`${file} is not a HAR file (${error.message}; ${HAR_SHAPE})`);
  }
}

/** What the scanner found wrong; stream-json's reading of the same file gives the message. */
class MalformedHar extends Error {}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isSpace = (byte: number): boolean => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

/** The entries of a well-formed HAR, each parsed from its own text; MalformedHar for anything else. */
async function scanEntries(file: string, onEntry: (entry: unknown, index: number) => void, chunkBytes: number): Promise<number> {
  const containers: number[] = []; // the open brackets, '{' or '['
  const keys: string[] = []; // the last key read at depths 1 and 2 ("log", "entries")
  let inString = false;
  let trailingBackslashes = 0; // of the previous chunk, inside a string
  let keyBytes: number[] | undefined; // a key being read at depth 1 or 2
  let expectKey = false;
  let inEntries = false;
  let entryParts: Buffer[] = [];
  let entryStarted = false;
  const skeleton: Buffer[] = [];
  let count = 0;
  let sawEntries = false;

  const finishEntry = (chunk: Buffer, end: number, from: number) => {
    entryParts.push(chunk.subarray(from, end));
    const text = entryParts.length === 1 ? entryParts[0].toString('utf8') : Buffer.concat(entryParts).toString('utf8');
    entryParts = [];
    entryStarted = false;
    let entry: unknown;
    try {
      entry = JSON.parse(text);
    } catch (error) {
      throw new MalformedHar(`entry ${count}: ${(error as Error).message}`);
    }
    onEntry(entry, count++);
  };

  for await (const chunk of fs.createReadStream(file, { highWaterMark: chunkBytes }) as AsyncIterable<Buffer>) {
    let i = 0;
    let entryFrom = 0; // where this chunk's part of the current entry starts
    let skeletonFrom = inEntries ? -1 : 0;
    while (i < chunk.length) {
      if (inString) {
        const quote = chunk.indexOf(QUOTE, i);
        if (quote < 0) {
          if (keyBytes) for (let k = i; k < chunk.length && keyBytes.length < 64; k++) keyBytes.push(chunk[k]);
          let run = 0;
          for (let k = chunk.length - 1; k >= i && chunk[k] === BACKSLASH; k--) run++;
          trailingBackslashes = run === chunk.length - i ? trailingBackslashes + run : run;
          i = chunk.length;
          break;
        }
        let run = 0;
        for (let k = quote - 1; k >= i && chunk[k] === BACKSLASH; k--) run++;
        if (run === quote - i) run += trailingBackslashes;
        trailingBackslashes = 0;
        if (keyBytes) for (let k = i; k < quote && keyBytes.length < 64; k++) keyBytes.push(chunk[k]);
        i = quote + 1;
        if (run % 2 === 1) {
          if (keyBytes) keyBytes.push(QUOTE);
          continue;
        }
        inString = false;
        if (keyBytes) {
          keys[containers.length] = Buffer.from(keyBytes).toString('utf8');
          keyBytes = undefined;
        }
        continue;
      }
      const byte = chunk[i];
      if (isSpace(byte)) {
        i++;
        continue;
      }
      const depth = containers.length;
      if (inEntries && depth === 3) {
        if (byte === 0x2c /* , */ || byte === 0x5d /* ] */) {
          if (entryStarted) finishEntry(chunk, i, entryFrom);
          else if (byte === 0x2c || count > 0) throw new MalformedHar('an empty entry');
          if (byte === 0x5d) {
            containers.pop();
            inEntries = false;
            skeletonFrom = i; // the closing bracket of the (now empty) entries array
          }
          i++;
          continue;
        }
        if (!entryStarted) {
          entryStarted = true;
          entryFrom = i;
        }
      }
      if (byte === QUOTE) {
        inString = true;
        trailingBackslashes = 0;
        if (expectKey && depth <= 2) keyBytes = [];
        expectKey = false;
      } else if (byte === 0x7b /* { */ || byte === 0x5b /* [ */) {
        containers.push(byte);
        expectKey = byte === 0x7b;
        if (byte === 0x5b && depth === 2 && containers[0] === 0x7b && containers[1] === 0x7b && keys[1] === 'log' && keys[2] === 'entries') {
          sawEntries = true;
          inEntries = true;
          skeleton.push(chunk.subarray(skeletonFrom, i + 1));
          skeletonFrom = -1;
        }
      } else if (byte === 0x7d /* } */ || byte === 0x5d /* ] */) {
        if (containers.pop() !== (byte === 0x7d ? 0x7b : 0x5b)) throw new MalformedHar('unbalanced brackets');
        expectKey = false;
      } else if (byte === 0x2c /* , */) {
        expectKey = containers.at(-1) === 0x7b;
      } else if (byte === 0x3a /* : */) {
        expectKey = false;
      } else if (depth === 0) {
        throw new MalformedHar('not JSON');
      }
      i++;
    }
    if (inEntries && entryStarted) entryParts.push(chunk.subarray(entryFrom));
    if (skeletonFrom >= 0) skeleton.push(chunk.subarray(skeletonFrom));
  }
  if (inString || containers.length > 0) throw new MalformedHar('the JSON ends early');
  try {
    JSON.parse(Buffer.concat(skeleton).toString('utf8'));
  } catch (error) {
    throw new MalformedHar((error as Error).message);
  }
  if (!sawEntries) throw new MalformedHar('no log.entries');
  return count;
}

function checkReadable(file: string): void {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new HarReadError(`${file} is not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof HarReadError) throw error;
    throw new HarReadError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (size === 0) throw new HarReadError(`${file} is empty, not a HAR file (${HAR_SHAPE})`);
}

/** stream-json's reading of a file the scanner refused: it throws the HarReadError that says what is wrong. */
async function explainHarEntries(file: string): Promise<void> {

  let sawEntries = false;
  let inputEnded = false;
  const input = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  input.on('end', () => (inputEnded = true));
  const isEntries = (stack: Array<string | number | null>): boolean => {
    const hit = stack.length === 2 && stack[0] === 'log' && stack[1] === 'entries';
    if (hit) sawEntries = true;
    return hit;
  };
  // Packed values only (streamValues: false): a string is one token, which doubles the parser's speed.
  const pipeline = chain([input, parser({ streamValues: false }), pick({ filter: isEntries }), streamArray()]);
  let count = 0;
  try {
    for await (const _item of pipeline as AsyncIterable<{ key: number; value: unknown }>) count++;
  } catch (error) {
    input.destroy();
    const message = (error as Error).message;
    if (/should be an array/i.test(message)) throw new HarReadError(`${file} is not a HAR file: log.entries is not an array (${HAR_SHAPE})`);
    if (inputEnded && count > 0) throw new HarReadError(`${file} is truncated: its JSON ends inside log.entries after ${count} complete entries`);
    if (inputEnded && sawEntries) throw new HarReadError(`${file} is truncated: its JSON ends inside the first entry`);
    if (!sawEntries && count === 0) throw new HarReadError(`${file} is not a HAR file: it is not JSON (${message})`);
    throw new HarReadError(`${file} is not valid JSON after ${count} entries (${message})`);
  }
  if (!sawEntries) throw new HarReadError(`${file} is not a HAR file: it has no log.entries (${HAR_SHAPE})`);
}
