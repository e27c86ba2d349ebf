import { checkExchange } from '../checks';
import { boundedStrength, weaker, type Basis } from '../checks/basis';
import { EXPECTATION_BASIS, EXPECTATIONS, type ExpectationName } from '../checks/expectations';
import { parseSessionHeader, SESSION_HEADER } from '../checks/session-header';
import type { Failure, Strength } from '../checks/types';
import { requestOutsideContract } from './outside-contract';
import type { SendOptions } from '../http/client';
import type { Exchange } from '../http/exchange';
import { checkSelected } from '../target/config';
import type { ProfileUser } from '../target/profile';
import type { Target } from '../target/target';

/** Thrown when the target lacks what a scenario needs: the verdict is PRECONDITION, never pass or fail. */
export class PreconditionError extends Error {}
/** Thrown when a step a scenario depends on did not work: the findings so far are its verdict. */
export class SetupError extends Error {}

export interface SessionInfo {
  id: string;
  timestamp: number;
  licenseKey: string;
}

export type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- bodies are inspected after the schema checks ran

const isStatusIn = (exchange: Exchange, low: number, high: number): boolean =>
  exchange.response !== undefined && exchange.response.status >= low && exchange.response.status <= high;

const describeOutcome = (exchange: Exchange): string =>
  exchange.response ? `${exchange.response.status}` : `no response (${exchange.error?.kind})`;

/** What a scenario or a property sees: one target, the exchanges it made, the failures found so far. */
export class ScenarioContext {
  readonly exchanges: Exchange[] = [];
  readonly failures: Failure[] = [];

  constructor(
    readonly target: Target,
    readonly operationId: string,
    readonly strength: Strength = 'MUST',
    /** The basis of what this scenario or property asserts (lib/checks/basis.ts). */
    readonly basis: readonly Basis[] = [],
  ) {}

  get profile() {
    return this.target.profile;
  }

  get contract() {
    return this.target.contract;
  }

  /** A value unique to this run, for data a live target keeps (serial numbers, reviews). */
  unique(prefix: string): string {
    return `${prefix}-${this.target.config.runId}-${Math.random().toString(36).slice(2, 8)}`.toUpperCase();
  }

  /**
   * Sends a request; every exchange check runs on the exchange and its failures are recorded. A request the
   * contract does not describe (`//` paths, OPTIONS, a form body, 2 MiB) sent by a SHOULD scenario provokes
   * findings no stronger than that scenario: the contract cannot demand anything of its answer.
   */
  async send(options: SendOptions): Promise<Exchange> {
    const exchange = await this.target.http.send(options);
    this.exchanges.push(exchange);
    const failures = checkExchange(exchange, { contract: this.contract }).filter((failure) => checkSelected(this.target.config, failure.check));
    const outside = this.strength !== 'MUST' ? requestOutsideContract(exchange) : undefined;
    for (const failure of failures) {
      if (outside) failure.strength = weaker(failure.strength, this.strength);
      this.failures.push(failure);
    }
    return exchange;
  }

  expect(name: ExpectationName, ok: boolean, expected: string, actual: string | (() => string), exchange?: Exchange): boolean {
    if (ok) return true;
    if (!checkSelected(this.target.config, name)) return false;
    const basis = EXPECTATION_BASIS[name] ?? this.basis;
    this.failures.push({
      check: name,
      operationId: exchange?.operation?.operationId ?? this.operationId,
      status: exchange?.response?.status,
      strength: boundedStrength(this.strength, basis),
      requirement: EXPECTATIONS[name],
      basis,
      expected,
      // A check's actual may be JSON.stringify of nothing (undefined): always text.
      actual: String(typeof actual === 'function' ? actual() : actual),
      exchange,
    });
    return false;
  }

  /** A status the contract documents for this case. A 5xx is not_a_server_error's finding, not this one's. */
  expectStatus(exchange: Exchange, allowed: number[], name: ExpectationName = 'expected_status'): boolean {
    if (!exchange.response || exchange.response.status >= 500) return false;
    return this.expect(name, allowed.includes(exchange.response.status), allowed.join(' or '), describeOutcome(exchange), exchange);
  }

  /** Invalid input or credentials: a 4xx. 2xx/3xx fail here; a 5xx or no response fails elsewhere. */
  expectRejected(exchange: Exchange, name: ExpectationName = 'negative_data_rejection'): boolean {
    if (!exchange.response || exchange.response.status >= 500) return false;
    return this.expect(name, isStatusIn(exchange, 400, 499), 'a 4xx', describeOutcome(exchange), exchange);
  }

  /** A valid request: a 2xx (one of `statuses` when given). */
  expectAccepted(exchange: Exchange, statuses?: number[], name: ExpectationName = 'positive_data_acceptance'): boolean {
    if (!exchange.response || exchange.response.status >= 500) return false;
    const ok = statuses ? statuses.includes(exchange.response.status) : isStatusIn(exchange, 200, 299);
    return this.expect(name, ok, statuses ? statuses.join(' or ') : 'a 2xx', describeOutcome(exchange), exchange);
  }

  precondition(ok: unknown, reason: string): asserts ok {
    if (!ok) throw new PreconditionError(reason);
  }

  /** The parsed JSON body, or undefined (body problems are the exchange checks' findings). */
  json(exchange: Exchange): Json {
    return exchange.response?.body.kind === 'json' ? exchange.response.body.value : undefined;
  }

  // ── flows: the steps many scenarios share, built from the profile and the server's own answers ──

  user(index = 0): ProfileUser {
    const user = this.profile.users[index];
    this.precondition(user, `the profile names no user #${index + 1}`);
    return user;
  }

  /** Login in the contract's own request example form, {issueJWT: true, password, username}. */
  async login(user: { username: string; password: string } = this.user()): Promise<{ token: string; userId?: number; exchange: Exchange }> {
    const exchange = await this.send({ method: 'POST', path: '/api/v2/auth/login', json: { issueJWT: true, password: user.password, username: user.username } });
    const token = this.json(exchange)?.data?.jwt?.token;
    if (!isStatusIn(exchange, 200, 299) || typeof token !== 'string' || token === '') {
      throw new SetupError(`login of the profile user ${user.username} did not give a token (${describeOutcome(exchange)})`);
    }
    return { token, userId: this.json(exchange)?.data?.user?.ID, exchange };
  }

  licenseKey(index = 0): string {
    const key = this.profile.licenseKeys[index];
    this.precondition(key, `the profile names no licence key #${index + 1}`);
    return key;
  }

  /**
   * Activates a licence key; the server's own session comes back, from a 200 body (a new session) or from the
   * X-Session-Id header of a 204 ("Device already active"): both are correct answers to a key activated before.
   */
  async activateKey(licenseKey = this.licenseKey(), sessionId?: string): Promise<{ session?: SessionInfo; exchange: Exchange }> {
    const exchange = await this.send({
      method: 'POST',
      path: '/api/v2/device/license/activate',
      headers: { 'X-Session-Id': sessionId },
      json: { licenseKey },
    });
    return { session: this.sessionOf(exchange, licenseKey), exchange };
  }

  /** The session an activation answer carries: data.sessionId of a 200, or the X-Session-Id header of a 204. */
  sessionOf(exchange: Exchange, licenseKey: string): SessionInfo | undefined {
    const status = exchange.response?.status;
    const fromBody = this.json(exchange)?.data?.sessionId;
    const header = exchange.response?.headers[SESSION_HEADER];
    const parsed = status === 204 && header !== undefined ? parseSessionHeader(header, this.contract.strict) : undefined;
    const session: Json = status === 200 ? fromBody : parsed?.ok ? parsed.value : undefined;
    if (typeof session?.id !== 'string') return undefined;
    return { id: session.id, timestamp: Number(session.timestamp), licenseKey };
  }

  /** A valid session to work with (manifests, tokens, validate). */
  async session(): Promise<SessionInfo> {
    const { session, exchange } = await this.activateKey();
    if (!session) throw new SetupError(`activating the profile's licence key gave no session (${describeOutcome(exchange)})`);
    return session;
  }

  /** GET /api/v2/manifests/{app}/{version} with a session, the path segments percent-encoded. */
  manifest(sessionId: string | undefined, target: { app: string; version: string }, query: Record<string, string> = {}): Promise<Exchange> {
    return this.send({ method: 'GET', path: `/api/v2/manifests/${encodeURIComponent(target.app)}/${encodeURIComponent(target.version)}`, headers: { 'X-Session-Id': sessionId }, query });
  }

  /** Takes one user licence from the run's budget, or reports PRECONDITION. */
  consumeUserLicence(user: ProfileUser, count = 1): void {
    this.precondition(this.target.writesAllowed, 'writes are not allowed on this target (activation consumes a user licence)');
    this.precondition(this.target.userLicences.take(user.username, count), `the profile allows ${count === 1 ? 'no more user licences' : `fewer than ${count} more user licences`} of ${user.username} in this run`);
  }
}
