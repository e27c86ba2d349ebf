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
 * Streams `log.entries` of a HAR file one entry at a time (stream-json), so memory is bounded by the largest
 * entry, not by the file. Returns the number of entries; throws HarReadError for anything that is not HAR.
 */
export async function readHarEntries(file: string, onEntry: (entry: unknown, index: number) => void): Promise<number> {
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
    for await (const item of pipeline as AsyncIterable<{ key: number; value: unknown }>) {
      onEntry(item.value, item.key);
      count++;
    }
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
  return count;
}
