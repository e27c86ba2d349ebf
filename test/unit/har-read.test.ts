import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { HarReadError, readHarEntries } from '../../lib/har/read';

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'har-read-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const read = async (text: string, chunkBytes?: number): Promise<unknown[]> => {
  const file = path.join(dir, 'x.har');
  fs.writeFileSync(file, text);
  const entries: unknown[] = [];
  await readHarEntries(file, (entry) => entries.push(entry), chunkBytes);
  return entries;
};

// Strings full of what a scanner can get wrong: quotes, backslash runs, brackets, multi-byte characters.
const tricky = fc.string({ unit: fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', 'é', '😀', 'a', ' ') });
const value = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, tricky, fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(tricky, tie('value'), { maxKeys: 3 })),
})).value;

test('the scanner reads the entries JSON.parse reads, whatever the strings, spacing and chunk boundaries', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(value, { maxLength: 5 }), fc.dictionary(tricky, value, { maxKeys: 2 }), fc.constantFrom('', ' ', '\n  '), fc.integer({ min: 1, max: 64 }), async (entries, extra, space, chunkBytes) => {
      const log = { ...extra, version: '1.2', entries };
      const text = JSON.stringify({ log }, null, space);
      expect(await read(text, chunkBytes)).toEqual((JSON.parse(text) as { log: { entries: unknown[] } }).log.entries);
    }),
    { numRuns: 200, seed: 11 },
  );
});

test.each([
  ['a trailing comma', '{"log":{"entries":[{},]}}'],
  ['garbage between entries', '{"log":{"entries":[{} x {}]}}'],
  ['broken JSON outside the entries', '{"log":{"version":1.2.3,"entries":[]}}'],
  ['entries under another key', '{"x":{"entries":[]},"log":{}}'],
])('%s is refused as HAR', async (_name, text) => {
  await expect(read(text, 4)).rejects.toThrow(HarReadError);
});
