import { HttpClient } from '../http/client';
import { recordIfAsked } from '../har/record';
import { recordCoverage } from '../report/coverage-record';
import { loadContract, type CompiledContract } from '../spec/compiled';
import { LicenceBudget } from './budget';
import { readConfig, writesAllowed, type RunConfig } from './config';
import { runMonitor } from './monitor';
import { ConfigurationError, loadProfile, REFERENCE_PROFILE_FILE, type Profile } from './profile';

/** The server under test, as scenarios and properties see it: never which implementation it is. */
export interface Target {
  baseUrl: string;
  profile: Profile;
  http: HttpClient;
  contract: CompiledContract;
  config: RunConfig;
  /** Writes (registrations, reviews, user-licence activations) may run. */
  writesAllowed: boolean;
  /** User licences the suite may still consume in this run. */
  userLicences: LicenceBudget;
}

export interface TargetOptions {
  baseUrl: string;
  profile: Profile;
  config?: Partial<RunConfig>;
  /** The embedded server always allows writes. */
  embedded?: boolean;
}

export { writesAllowed } from './config';

export async function createTarget(options: TargetOptions): Promise<Target> {
  const config = { ...readConfig({}), ...options.config };
  const contract = await loadContract(config.strict);
  const http = new HttpClient({ baseUrl: options.baseUrl, timeoutMs: config.timeoutMs, rateLimit: config.rateLimit, concurrency: config.concurrency });
  recordIfAsked(http);
  return {
    baseUrl: options.baseUrl,
    profile: options.profile,
    http,
    contract,
    config,
    writesAllowed: writesAllowed(options.profile, config, options.embedded === true),
    userLicences: new LicenceBudget(options.profile),
  };
}

/** The profile of the configured target (the reference profile when none is given). */
export function configuredProfile(config: RunConfig = readConfig()): Profile {
  return loadProfile(config.profileFile ?? REFERENCE_PROFILE_FILE);
}

let current: Promise<Target> | undefined;

/**
 * The end of a test file: its client's kept-alive sockets closed. An open socket keeps the whole module registry
 * of its file alive (the contract's compiled validators among it): without this, each file leaked about 7.5 MB.
 */
export async function releaseCurrentTarget(): Promise<void> {
  const target = await current?.catch(() => undefined);
  target?.http.close();
  current = undefined;
}

/** The target configured by the environment (set by global-setup for the embedded server). */
export function currentTarget(): Promise<Target> {
  current ??= (async () => {
    const config = readConfig();
    if (!config.baseUrl) throw new ConfigurationError('CONSOLE_BASE_URL is not set (run through `npm run conformance`)');
    const target = await createTarget({ baseUrl: config.baseUrl, profile: configuredProfile(config), config, embedded: process.env.CONSOLE_EMBEDDED === '1' });
    // The run's progress line, stall notice and breaker count every exchange of every test file.
    target.http.onExchange((exchange) => runMonitor()?.exchange({ operationId: exchange.operation?.operationId, status: exchange.response?.status }));
    recordCoverage(target.http, target.contract);
    return target;
  })();
  return current;
}
