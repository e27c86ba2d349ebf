import { parseArgs } from 'node:util';
import { closest, distance } from 'fastest-levenshtein';
import { CONFIG_VARIABLES, LIVE_RATE_LIMIT, type NameOf } from '../lib/target/config';
import { ConfigurationError } from '../lib/target/profile';

/** Exit codes the CI gate relies on. */
export const EXIT = { conformant: 0, nonConformant: 1, cannotRun: 2 } as const;

/** A variable of lib/target/config, or one of the reports' (known deviations, the shard's file names). */
type Variable = keyof typeof CONFIG_VARIABLES | 'CONSOLE_EXPECTATIONS' | 'CONSOLE_SHARD';

interface FlagSpec {
  flag: string;
  short?: string;
  /** The value's name in --help; a flag without one is a switch. */
  value?: string;
  /** The variable of lib/target/config the flag sets. */
  variable?: Variable;
  multiple?: boolean;
  help: string;
}

/** Every flag of `npm run conformance`: parsing, --help and the variables they set come from this one table. */
const FLAGS: FlagSpec[] = [
  { flag: 'target', value: 'URL', variable: 'CONSOLE_BASE_URL', help: 'server under test (default: start the embedded reference server)' },
  { flag: 'profile', value: 'FILE', variable: 'CONSOLE_PROFILE', help: 'target profile; required with --target (the embedded server uses fixtures/targets/reference.json)' },
  { flag: 'only', value: 'SEL', multiple: true, help: 'run only these: an operationId, a tag, or (part of) a test id; repeatable, comma lists' },
  { flag: 'exclude', value: 'SEL', multiple: true, help: 'leave these out (same forms as --only)' },
  { flag: 'list', help: 'print the ids of the tests that would run, and exit' },
  { flag: 'last-failed', help: 'run only the tests that failed in the previous run (all when none did)' },
  { flag: 'checks', value: 'LIST', variable: 'CONSOLE_CHECKS', help: 'only these checks report, comma list (default: all)' },
  { flag: 'exclude-checks', value: 'LIST', variable: 'CONSOLE_EXCLUDE_CHECKS', help: 'these checks never report, comma list' },
  { flag: 'exitfirst', short: 'x', help: 'stop after the first failed test (--max-failures 1)' },
  { flag: 'max-failures', value: 'N', variable: 'CONSOLE_MAX_FAILURES', help: 'stop after N failed tests (default 0 = never)' },
  { flag: 'retries', value: 'N', variable: 'CONSOLE_RETRIES', help: 're-run a failing test N times; passing on a re-run = FLAKY (default 1 on a target, 0 embedded)' },
  { flag: 'timeout', value: 'MS', variable: 'CONSOLE_TIMEOUT_MS', help: 'total deadline per request, connect to last byte (default 10000)' },
  { flag: 'rate-limit', value: 'N', variable: 'CONSOLE_RATE_LIMIT', help: `requests per second, 0 = unlimited (default ${LIVE_RATE_LIMIT} on a live target, unlimited on loopback and embedded)` },
  { flag: 'concurrency', value: 'N', variable: 'CONSOLE_CONCURRENCY', help: 'open connections at most (default 4)' },
  { flag: 'strict', variable: 'CONSOLE_STRICT', help: 'the contract exactly as written (errata off)' },
  { flag: 'strict-clients', variable: 'CONSOLE_STRICT_CLIENTS', help: 'real-client expectations (SHOULD) fail the run' },
  { flag: 'allow-writes', variable: 'CONSOLE_ALLOW_WRITES', help: 'allow registrations, reviews and licence consumption on a live target' },
  { flag: 'seed', value: 'N', variable: 'FC_SEED', help: 'property seed (default: derived from the date, printed)' },
  { flag: 'runs', value: 'N', variable: 'PROPERTY_RUNS', help: 'runs per property (default 25)' },
  { flag: 'shard', value: 'i/n', variable: 'CONSOLE_SHARD', help: 'run the i-th of n shards (CI matrices; give the shards one CONSOLE_RUN_ID)' },
  { flag: 'expectations', value: 'FILE', variable: 'CONSOLE_EXPECTATIONS', help: 'known deviations of this server (default fixtures/targets/<profile name>.expectations.yaml)' },
  { flag: 'keep-results', help: 'keep the reports of previous runs (default: a run replaces them)' },
  { flag: 'help', short: 'h', help: 'this text' },
];

const EXIT_CODES = `exit codes:
  0  conformant (KNOWN deviations, warnings and FLAKY tests do not fail the run)
  1  non-conformance found (or the breaker stopped a run against an unusable target)
  2  the run could not be made: bad flag or configuration, invalid profile, unreachable or non-HTTP target`;

export function usage(): string {
  const left = (spec: FlagSpec) => `${spec.short ? `-${spec.short}, ` : '    '}--${spec.flag}${spec.value ? ` ${spec.value}` : ''}`;
  const width = Math.max(...FLAGS.map((spec) => left(spec).length)) + 2;
  const flagVariables = new Set(FLAGS.flatMap((spec) => (spec.variable ? [spec.variable] : [])));
  const variables = Object.entries(CONFIG_VARIABLES).map(([name, meaning]) => {
    const spec = FLAGS.find((candidate) => candidate.variable === name);
    return `  ${name.padEnd(24)}${spec ? `--${spec.flag}` : '(no flag)'}: ${meaning}`;
  });
  return [
    'usage: npm run conformance -- [options]',
    '',
    ...FLAGS.map((spec) => `  ${left(spec).padEnd(width)}${spec.help}`),
    '',
    `variables (flags set them; a .env file in the project sets those the environment leaves unset; ${flagVariables.size} have flags):`,
    ...variables,
    '  CI                      true = CI mode: a progress line every 10 s',
    '',
    EXIT_CODES,
  ].join('\n');
}

export interface Options {
  only: string[];
  exclude: string[];
  list: boolean;
  lastFailed: boolean;
  keepResults: boolean;
  shard?: string;
  help: boolean;
  /** How configuration messages name a variable: the flag, when one set it. */
  nameOf: NameOf;
  /** The variables the flags set (the environment gets them, so jest's workers and the profile see them). */
  env: Partial<Record<Variable, string>>;
}

const splitList = (values: string[] | undefined): string[] => (values ?? []).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);

/**
 * The candidate a mistyped word most likely meant: one that contains it (or that it contains), else the
 * nearest by edit distance if it is near at all.
 */
export function nearest(word: string, candidates: string[]): string | undefined {
  const lower = word.toLowerCase();
  const containing = candidates.filter((candidate) => candidate.toLowerCase().includes(lower) || lower.includes(candidate.toLowerCase()));
  if (containing.length > 0) return containing.sort((a, b) => a.length - b.length)[0];
  const near = closest(lower, candidates.map((candidate) => candidate.toLowerCase()));
  const index = candidates.findIndex((candidate) => candidate.toLowerCase() === near);
  return distance(lower, near) <= Math.max(2, Math.floor(word.length / 3)) ? candidates[index] : undefined;
}

/** parseArgs' messages, as one line naming the flag and pointing to --help. */
function flagError(error: Error & { code?: string }): ConfigurationError {
  const typed = /'(-{1,2}[^' ]+)/.exec(error.message)?.[1] ?? '';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const near = nearest(typed.replace(/^-+/, ''), FLAGS.map((spec) => spec.flag));
    const hint = near ? `; did you mean --${near}?` : '';
    return new ConfigurationError(`unknown flag ${typed}${hint} (npm run conformance -- --help lists them)`);
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const spec = FLAGS.find((candidate) => typed === `--${candidate.flag}` || typed === `-${candidate.short}`);
    return new ConfigurationError(spec?.value ? `${typed} needs a value (${spec.value})` : `${typed} takes no value`);
  }
  if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const word = /'([^']*)'/.exec(error.message)?.[1] ?? '';
    return new ConfigurationError(`unexpected argument "${word}"; to choose tests say --only ${word} (npm run conformance -- --help)`);
  }
  return new ConfigurationError(`${error.message.split('\n')[0]} (npm run conformance -- --help)`);
}

export function parseOptions(argv: string[]): Options {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: Object.fromEntries(
        FLAGS.map((spec) => [spec.flag, { type: spec.value ? 'string' : 'boolean', ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) }]),
      ) as never,
    }));
  } catch (error) {
    throw flagError(error as Error & { code?: string });
  }
  const env: Options['env'] = {};
  const byFlag = new Map<string, string>();
  for (const spec of FLAGS) {
    const value = values[spec.flag];
    if (!spec.variable || value === undefined || value === false) continue;
    env[spec.variable] = value === true ? 'true' : String(value);
    byFlag.set(spec.variable, `--${spec.flag}`);
  }
  if (values.exitfirst) {
    if (env.CONSOLE_MAX_FAILURES !== undefined && env.CONSOLE_MAX_FAILURES !== '1') throw new ConfigurationError('-x is --max-failures 1: give one of them');
    env.CONSOLE_MAX_FAILURES = '1';
    byFlag.set('CONSOLE_MAX_FAILURES', '-x');
  }
  const shard = values.shard as string | undefined;
  if (shard !== undefined) {
    const match = /^(\d+)\/(\d+)$/.exec(shard);
    if (!match || Number(match[1]) < 1 || Number(match[1]) > Number(match[2])) throw new ConfigurationError(`--shard must look like 1/3 (i of n, 1 ≤ i ≤ n), got "${shard}"`);
  }
  return {
    only: splitList(values.only as string[] | undefined),
    exclude: splitList(values.exclude as string[] | undefined),
    list: values.list === true,
    lastFailed: values['last-failed'] === true,
    keepResults: values['keep-results'] === true,
    shard,
    help: values.help === true,
    nameOf: (variable) => byFlag.get(variable) ?? variable,
    env,
  };
}
