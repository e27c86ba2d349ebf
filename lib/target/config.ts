import { ConfigurationError } from './profile';

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
}

const flag = (value: string | undefined): boolean => /^(1|true|yes|on)$/i.test(value ?? '');

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, minimum = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum) throw new ConfigurationError(`${name} must be an integer ≥ ${minimum}, got "${raw}"`);
  return value;
}

/** The configuration variables, with their meaning: the README's configuration table is checked against this. */
export const CONFIG_VARIABLES = {
  CONSOLE_BASE_URL: 'Target URL; unset = start the embedded reference server',
  CONSOLE_PROFILE: 'Target profile (JSON, fixtures/targets/profile.schema.json); default fixtures/targets/reference.json',
  CONSOLE_TIMEOUT_MS: 'Total deadline per request in ms (default 10000)',
  CONSOLE_RATE_LIMIT: 'Requests per second (default 0 = unlimited on the embedded server, 10 on a live target)',
  CONSOLE_CONCURRENCY: 'Open connections at most (default 4)',
  CONSOLE_STRICT: 'true = the contract exactly as written, errata off',
  CONSOLE_STRICT_CLIENTS: 'true = real-client expectations (SHOULD) fail the run',
  CONSOLE_ALLOW_WRITES: 'true = allow writes on a live target even if its profile does not',
  FC_SEED: 'Seed of the property runs (printed when derived)',
  PROPERTY_RUNS: 'Runs per property (default 25)',
  CONSOLE_RUN_ID: 'Unique id of the run, prefixed to created data (default: derived from time)',
  CONSOLE_RUN_DEADLINE_S: 'Deadline of the whole run in seconds (default 1800)',
} as const;

export function readConfig(env: NodeJS.ProcessEnv = process.env): RunConfig {
  const baseUrl = env.CONSOLE_BASE_URL || undefined;
  if (baseUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new ConfigurationError(`CONSOLE_BASE_URL is not a URL: "${baseUrl}"`);
    }
    if (!/^https?:$/.test(url.protocol)) throw new ConfigurationError(`CONSOLE_BASE_URL must be http(s): "${baseUrl}"`);
  }
  const seed = env.FC_SEED === undefined || env.FC_SEED === '' ? undefined : Number(env.FC_SEED);
  if (seed !== undefined && !Number.isInteger(seed)) throw new ConfigurationError(`FC_SEED must be an integer, got "${env.FC_SEED}"`);
  return {
    baseUrl,
    profileFile: env.CONSOLE_PROFILE || undefined,
    timeoutMs: integer(env, 'CONSOLE_TIMEOUT_MS', 10_000, 1),
    rateLimit: integer(env, 'CONSOLE_RATE_LIMIT', env.CONSOLE_EMBEDDED === '1' || baseUrl === undefined ? 0 : 10),
    concurrency: integer(env, 'CONSOLE_CONCURRENCY', 4, 1),
    strict: flag(env.CONSOLE_STRICT),
    strictClients: flag(env.CONSOLE_STRICT_CLIENTS),
    allowWrites: flag(env.CONSOLE_ALLOW_WRITES),
    seed,
    propertyRuns: integer(env, 'PROPERTY_RUNS', 25, 1),
    runId: env.CONSOLE_RUN_ID || `run${Date.now().toString(36)}`,
    runDeadlineS: integer(env, 'CONSOLE_RUN_DEADLINE_S', 1800, 1),
  };
}
