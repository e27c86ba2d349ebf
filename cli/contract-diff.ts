import { parseArgs } from 'node:util';
import { compareContracts } from '../lib/diff/compare';
import { DEFAULT_BASE, DEFAULT_HEAD, InputError, loadContractVersion } from '../lib/diff/load';
import { gates, renderConsole, writeReports } from '../lib/diff/report';
import { SEVERITIES, type Severity } from '../lib/diff/types';

/** Exit codes the CI gate relies on (as oasdiff breaking --fail-on). */
export const EXIT = { compatible: 0, breaking: 1, cannotRun: 2 } as const;

const USAGE = `usage: npm run contract-diff -- [BASE] [HEAD] [--fail-on ERROR|WARNING|INFO]
  BASE, HEAD   a file; an upstream copy in fixtures/contracts/ (3df804d, 82306b9); REV:path in this repository's git;
               or a git revision, meaning REV:openapi.yaml   (defaults: ${DEFAULT_BASE} — the contract the daemon pins — and ${DEFAULT_HEAD})
  --fail-on    the least severe change that fails the gate (default ERROR)`;

function options(argv: string[]): { base: string; head: string; failOn: Severity } {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { 'fail-on': { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log(USAGE);
    process.exit(EXIT.compatible);
  }
  if (positionals.length > 2) throw new InputError(`expected at most BASE and HEAD, got ${positionals.length} arguments`);
  const failOn = (values['fail-on'] ?? 'ERROR').toUpperCase();
  if (!SEVERITIES.includes(failOn as Severity)) throw new InputError(`--fail-on must be ERROR, WARNING or INFO, got "${values['fail-on']}"`);
  return { base: positionals[0] ?? DEFAULT_BASE, head: positionals[1] ?? DEFAULT_HEAD, failOn: failOn as Severity };
}

async function main(): Promise<number> {
  try {
    const { base, head, failOn } = options(process.argv.slice(2));
    // One after the other, so that with two bad inputs the line always names BASE's problem.
    const before = await loadContractVersion('BASE', base);
    const after = await loadContractVersion('HEAD', head);
    const result = compareContracts(before, after);
    console.log(renderConsole(result, failOn, writeReports(result, failOn)));
    return gates(result, failOn) ? EXIT.breaking : EXIT.compatible;
  } catch (error) {
    // An input that cannot be read or is not a contract, a bad flag: one line, exit 2. Anything else is a bug: its stack.
    if (!(error instanceof InputError) && (error as { code?: string }).code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw error;
    console.error(`contract-diff: ${(error as Error).message.split('\n')[0]}`);
    return EXIT.cannotRun;
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(EXIT.cannotRun);
  },
);
