import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fromRoot } from '../../lib/paths';

/**
 * `npm test` leaves the user's reports/ and the temporary directory as it found them. The global setup points
 * TMPDIR and CONSOLE_REPORTS_DIR of every self-test (and every process they start) into one fresh folder; the
 * teardown checks that the tests removed what they made there and that reports/ did not change, then removes it.
 */
interface Isolation {
  folder: string;
  reportsBefore: string[];
  environment: { TMPDIR?: string; CONSOLE_REPORTS_DIR?: string };
}

declare global {
  // eslint-disable-next-line no-var -- from the self-tests' global setup to their global teardown
  var __CONSOLE_SELFTEST_ISOLATION__: Isolation | undefined;
}

/** Caches the tools keep in the temporary directory (tsx, jest in the runs the CLI tests start): not the tests' leftovers. */
const TOOL_CACHE = /^(tsx-\d+|jest_\w+)$/;

/** Every file and folder under dir with its size and modification time: what "as it found them" compares. */
function listing(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .sort()
    .map((entry) => {
      const stat = fs.statSync(path.join(dir, entry));
      return `${entry} ${stat.isDirectory() ? 'dir' : stat.size} ${stat.mtimeMs}`;
    });
}

export function isolate(): void {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'flecs-console-selftest-'));
  const temporary = path.join(folder, 'tmp');
  fs.mkdirSync(temporary);
  globalThis.__CONSOLE_SELFTEST_ISOLATION__ = {
    folder,
    reportsBefore: listing(fromRoot('reports')),
    environment: { TMPDIR: process.env.TMPDIR, CONSOLE_REPORTS_DIR: process.env.CONSOLE_REPORTS_DIR },
  };
  process.env.TMPDIR = temporary;
  process.env.CONSOLE_REPORTS_DIR = path.join(folder, 'reports');
}

/** SELFTEST_REPORTS_DIR=dir keeps the self-tests' documents (fault-matrix.md, no-false-positives.md, spec-lint.md). */
function keepDocuments(reports: string): string | undefined {
  const keep = process.env.SELFTEST_REPORTS_DIR;
  if (!keep || !fs.existsSync(reports)) return undefined;
  fs.mkdirSync(keep, { recursive: true });
  for (const entry of fs.readdirSync(reports, { withFileTypes: true })) if (entry.isFile()) fs.copyFileSync(path.join(reports, entry.name), path.join(keep, entry.name));
  return keep;
}

export function release(): void {
  const isolation = globalThis.__CONSOLE_SELFTEST_ISOLATION__;
  if (!isolation) return;
  globalThis.__CONSOLE_SELFTEST_ISOLATION__ = undefined;
  const temporary = process.env.TMPDIR!;
  const leftovers = fs.readdirSync(temporary).filter((entry) => !TOOL_CACHE.test(entry));
  const kept = keepDocuments(process.env.CONSOLE_REPORTS_DIR!);
  for (const [name, value] of Object.entries(isolation.environment)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  fs.rmSync(isolation.folder, { recursive: true, force: true });
  if (kept) console.log(`self-test documents kept in ${kept}`);
  const reportsAfter = listing(fromRoot('reports'));
  const changed = [...reportsAfter.filter((entry) => !isolation.reportsBefore.includes(entry)), ...isolation.reportsBefore.filter((entry) => !reportsAfter.includes(entry))];
  const problems = [
    ...leftovers.map((entry) => `left in the temporary directory: ${entry}`),
    ...changed.map((entry) => `reports/ changed: ${entry}`),
  ];
  if (problems.length > 0) throw new Error(`npm test must leave reports/ and the temporary directory as it found them:\n${problems.join('\n')}`);
}
