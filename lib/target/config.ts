import { ConfigurationError, type Profile } from './profile';

/** Everything a run is configured by. Flags of `npm run conformance` are turned into these variables. */
export interface RunConfig {
  baseUrl?: string;
  profileFile?: string;
  timeoutMs: number;
  /** Requests per second; 0 = unlimited. */
  rateLimit: number;
  concurrency: number;
  strict: boolean;
  strictClients: boolean;
  allowWrites: boolean;
  seed?: number;
  propertyRuns: number;
  runId: string;
  /** Deadline of the whole run in seconds: a server that stalls every request still ends the run. */
  runDeadlineS: number;
  /** Only these checks report (undefined: all of them). */
  checks?: string[];
  /** These checks never report. */
  excludeChecks: string[];
  /** Stop the run after this many failed tests; 0 = never. */
  maxFailures: number;
  /** Re-runs of a failing test; a failure that passes on a re-run is FLAKY. */
  retries: number;
}

/** How a message names a variable: the flag the user typed, when the CLI set it from one. */
export type NameOf = (variable: string) => string;

const flag = (value: string | undefined): boolean => /^(1|true|yes|on)$/i.test(value ?? '');
const list = (value: string | undefined): string[] | undefined =>
  value === undefined || value.trim() === '' ? undefined : value.split(',').map((item) => item.trim()).filter(Boolean);

/** An integer setting; `name` is what the message calls it (a flag or a variable). */
export function parseInteger(raw: string | undefined, name: string, fallback: number, minimum = 0): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\s*-?\d+\s*$/.test(raw) || !Number.isSafeInteger(value) || value < minimum) throw new ConfigurationError(`${name} must be an integer ≥ ${minimum}, got "${raw}"`);
  return value;
}

/** 127.0.0.1/8, ::1 and localhost: a build on this machine, which needs no politeness. */
export function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The request rate a live target gets unless told otherwise; loopback targets and the embedded server get none. */
export const LIVE_RATE_LIMIT = 10;

/** The configuration variables, with their meaning: the README's configuration table is checked against this. */
export const CONFIG_VARIABLES = {
  CONSOLE_BASE_URL: 'Target URL; unset = start the embedded reference server',
  CONSOLE_PROFILE: 'Target profile (JSON, fixtures/targets/profile.schema.json); required with a target, the embedded server uses fixtures/targets/reference.json',
  CONSOLE_TIMEOUT_MS: 'Total deadline per request in ms (default 10000)',
  CONSOLE_RATE_LIMIT: `Requests per second (default 0 = unlimited on the embedded server and loopback targets, ${LIVE_RATE_LIMIT} on a live target)`,
  CONSOLE_CONCURRENCY: 'Open connections at most (default 4)',
  CONSOLE_STRICT: 'true = the contract exactly as written, errata off',
  CONSOLE_STRICT_CLIENTS: 'true = real-client expectations (SHOULD) fail the run',
  CONSOLE_ALLOW_WRITES: 'true = allow writes on a live target even if its profile does not',
  CONSOLE_CHECKS: 'Comma list: only these checks report (default all)',
  CONSOLE_EXCLUDE_CHECKS: 'Comma list: these checks never report',
  CONSOLE_MAX_FAILURES: 'Stop after this many failed tests (default 0 = never)',
  CONSOLE_RETRIES: 'Re-runs of a failing test; passing on a re-run = FLAKY (default 1 on a live target, 0 on the embedded server)',
  FC_SEED: 'Seed of the property runs (printed when derived)',
  PROPERTY_RUNS: 'Runs per property (default 25)',
  CONSOLE_RUN_ID: 'Unique id of the run, prefixed to created data (default: derived from time)',
  CONSOLE_RUN_DEADLINE_S: 'Deadline of the whole run in seconds (default 1800)',
  CONSOLE_REPORTS_DIR: 'Where reports are written (default reports/)',
} as const;

/** A target URL, or a one-line reason it is not one (with the likely fix). */
export function parseTargetUrl(raw: string, name: string): URL {
  const suggestion = /^[\w.-]+:\d+(\/|$)/.test(raw) || !raw.includes('://') ? `; did you mean http://${raw.replace(/^\/+/, '')} ?` : '';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigurationError(`${name} is not a URL: "${raw}"${suggestion}`);
  }
  if (!/^https?:$/.test(url.protocol)) throw new ConfigurationError(`${name} must be an http:// or https:// URL, got "${raw}"${suggestion}`);
  return url;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env, nameOf: NameOf = (variable) => variable): RunConfig {
  const baseUrl = env.CONSOLE_BASE_URL || undefined;
  const url = baseUrl === undefined ? undefined : parseTargetUrl(baseUrl, nameOf('CONSOLE_BASE_URL'));
  const embedded = env.CONSOLE_EMBEDDED === '1' || url === undefined;
  const polite = !embedded && !isLoopback(url!);
  const seedText = env.FC_SEED === undefined || env.FC_SEED === '' ? undefined : env.FC_SEED;
  const seed = seedText === undefined ? undefined : parseInteger(seedText, nameOf('FC_SEED'), 0, Number.MIN_SAFE_INTEGER);
  const integer = (variable: string, fallback: number, minimum = 0) => parseInteger(env[variable], nameOf(variable), fallback, minimum);
  return {
    baseUrl,
    profileFile: env.CONSOLE_PROFILE || undefined,
    timeoutMs: integer('CONSOLE_TIMEOUT_MS', 10_000, 1),
    rateLimit: integer('CONSOLE_RATE_LIMIT', polite ? LIVE_RATE_LIMIT : 0),
    concurrency: integer('CONSOLE_CONCURRENCY', 4, 1),
    strict: flag(env.CONSOLE_STRICT),
    strictClients: flag(env.CONSOLE_STRICT_CLIENTS),
    allowWrites: flag(env.CONSOLE_ALLOW_WRITES),
    seed,
    propertyRuns: integer('PROPERTY_RUNS', 25, 1),
    runId: env.CONSOLE_RUN_ID || `run${Date.now().toString(36)}`,
    runDeadlineS: integer('CONSOLE_RUN_DEADLINE_S', 1800, 1),
    checks: list(env.CONSOLE_CHECKS),
    excludeChecks: list(env.CONSOLE_EXCLUDE_CHECKS) ?? [],
    maxFailures: integer('CONSOLE_MAX_FAILURES', 0),
    retries: integer('CONSOLE_RETRIES', embedded ? 0 : 1),
  };
}

/** Whether findings of a check are reported in this run (--checks / --exclude-checks). */
export const checkSelected = (config: Pick<RunConfig, 'checks' | 'excludeChecks'>, check: string): boolean =>
  (config.checks === undefined || config.checks.includes(check)) && !config.excludeChecks.includes(check);

/** Writes run on the embedded server always, on a live target only when its profile or the run allows them. */
export const writesAllowed = (profile: Profile, config: Pick<RunConfig, 'allowWrites'>, embedded: boolean): boolean => embedded || profile.allowWrites || config.allowWrites;
