import * as path from 'node:path';

/** `--record-har FILE`: the scenario run writes its traffic there (redacted). Light on purpose: the CLI loads it first. */
export const RECORD_HAR_VARIABLE = 'CONSOLE_RECORD_HAR';

/**
 * `--record-har FILE` of npm run conformance, taken out of the arguments before the flag table reads them:
 * the variable carries it to the global setup and the test files.
 */
export function takeRecordHar(argv: string[]): string[] {
  const at = argv.indexOf('--record-har');
  if (at < 0 || at + 1 >= argv.length) return argv;
  process.env[RECORD_HAR_VARIABLE] = path.resolve(argv[at + 1]);
  return [...argv.slice(0, at), ...argv.slice(at + 2)];
}
