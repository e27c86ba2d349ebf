import { erratumBasis, realClient, responseBasis } from '../../lib/checks/basis';
import fc from 'fast-check';
import { matching } from '../../lib/generate/arbitraries';
import { defineProperty } from '../../lib/property/define';
import { commandsReplayPath } from '../../lib/property/runner';
import type { ScenarioContext } from '../../lib/scenario/context';

/**
 * A model of licences and sessions (licence keys, user licences and their quota, serial numbers). Commands are named after operations, check the real answer against
 * the model, and print as the request sequence they send.
 */
interface LicenceModel {
  /** Per licence key index: the active session and the newest timestamp issued. */
  sessions: Map<number, { id: string; timestamp: number }>;
  /** Serial numbers registered in this run, by the label the command was generated with. */
  serials: Map<string, string>;
  /** User-licence activations this command sequence may still make (bounded: each consumes a real licence). */
  userActivationsLeft: number;
  /** The profile names a user without licences. */
  hasUserWithoutLicences: boolean;
  writes: boolean;
}

type Real = ScenarioContext;
type LicenceCommand = fc.AsyncCommand<LicenceModel, Real>;

const ACTIVATE = '/api/v2/device/license/activate';

class ActivateKey implements LicenceCommand {
  constructor(readonly key: number, readonly withActiveSession: boolean) {}
  check = () => true;
  async run(model: LicenceModel, t: Real): Promise<void> {
    const previous = model.sessions.get(this.key);
    const sessionId = this.withActiveSession ? previous?.id : undefined;
    const { session, exchange } = await t.activateKey(t.profile.licenseKeys[this.key], sessionId);
    if (sessionId) {
      // Re-activation with the active session: 204 and that same session (real-clients 4).
      if (!t.expectStatus(exchange, [204], 'session_semantics') || !session) return;
      t.expect('session_semantics', session.id.toLowerCase() === sessionId.toLowerCase(), `the same session ${sessionId}`, session.id, exchange);
      t.expect('session_semantics', session.timestamp >= previous!.timestamp, `timestamp ≥ ${previous!.timestamp}`, String(session.timestamp), exchange);
      return;
    }
    // Without a session: a new one (200), or 204 "already active" naming the key's session (both correct).
    if (!t.expectAccepted(exchange, [200, 204], 'session_semantics')) return;
    if (!t.expect('session_semantics', session !== undefined, 'a session in the 200 body or the 204 header', 'none', exchange) || !session) return;
    if (previous) {
      t.expect('session_semantics', session.timestamp >= previous.timestamp, `timestamp ≥ ${previous.timestamp}`, String(session.timestamp), exchange);
    }
    model.sessions.set(this.key, { id: session.id, timestamp: Math.max(session.timestamp, previous?.timestamp ?? 0) });
  }
  toString = () => `activate(licence key #${this.key}${this.withActiveSession ? ', X-Session-Id: its active session' : ''})`;
}

class ActivateUserLicence implements LicenceCommand {
  check = (model: Readonly<LicenceModel>) => model.writes && model.userActivationsLeft > 0;
  async run(model: LicenceModel, t: Real): Promise<void> {
    model.userActivationsLeft--;
    const user = t.user();
    const { token } = await t.login(user);
    if (!t.target.userLicences.take(user.username)) return; // the run's budget is spent: nothing to check
    const exchange = await t.send({ method: 'POST', path: ACTIVATE, headers: { Authorization: `Bearer ${token}` } });
    if (t.expectAccepted(exchange, [200], 'licence_quota')) {
      const session = t.json(exchange)?.data?.sessionId?.id;
      const validation = await t.send({ method: 'POST', path: '/api/v2/device/license/validate', headers: { 'X-Session-Id': String(session) } });
      t.expect('session_semantics', t.json(validation)?.data?.isValid === true, `the new session ${String(session)} is valid`, JSON.stringify(t.json(validation)?.data?.isValid), validation);
    }
  }
  toString = () => 'login(user) + activate(Authorization: Bearer <jwt>, no body) + validate(the new session)';
}

class ActivateWithoutLicences implements LicenceCommand {
  check = (model: Readonly<LicenceModel>) => model.hasUserWithoutLicences;
  async run(_model: LicenceModel, t: Real): Promise<void> {
    const { token } = await t.login(t.profile.userWithoutLicences!);
    const exchange = await t.send({ method: 'POST', path: ACTIVATE, headers: { Authorization: `Bearer ${token}` } });
    t.expectStatus(exchange, [403], 'licence_quota');
  }
  toString = () => 'login(user without licences) + activate(Authorization: Bearer <jwt>) → 403';
}

class TokensWithActive implements LicenceCommand {
  constructor(readonly key: number) {}
  check = (model: Readonly<LicenceModel>) => model.sessions.has(this.key);
  async run(model: LicenceModel, t: Real): Promise<void> {
    const { app, versions } = t.profile.officialApp!;
    const exchange = await t.send({ method: 'POST', path: '/api/v2/tokens', headers: { 'X-Session-Id': model.sessions.get(this.key)!.id }, json: { app, version: versions[0] } });
    if (t.expectAccepted(exchange, [200], 'download_token')) {
      const token = t.json(exchange)?.data?.token;
      t.expect('download_token', typeof token?.username === 'string' && typeof token?.password === 'string', 'data.token.username and password', 'incomplete token', exchange);
    }
  }
  toString = () => `tokens(official app, active session of licence key #${this.key})`;
}

class ValidateActive implements LicenceCommand {
  constructor(readonly key: number) {}
  check = (model: Readonly<LicenceModel>) => model.sessions.has(this.key);
  async run(model: LicenceModel, t: Real): Promise<void> {
    const id = model.sessions.get(this.key)!.id;
    const exchange = await t.send({ method: 'POST', path: '/api/v2/device/license/validate', headers: { 'X-Session-Id': id } });
    if (t.expectAccepted(exchange, [200], 'session_semantics')) {
      t.expect('session_semantics', t.json(exchange)?.data?.isValid === true, `the active session ${id} is valid`, JSON.stringify(t.json(exchange)?.data?.isValid), exchange);
    }
  }
  toString = () => `validate(active session of licence key #${this.key})`;
}

class ValidateUnknown implements LicenceCommand {
  constructor(readonly id: string) {}
  check = (model: Readonly<LicenceModel>) => ![...model.sessions.values()].some((session) => session.id === this.id);
  async run(_model: LicenceModel, t: Real): Promise<void> {
    const exchange = await t.send({ method: 'POST', path: '/api/v2/device/license/validate', headers: { 'X-Session-Id': this.id } });
    t.expect('session_semantics', t.json(exchange)?.data?.isValid !== true, `unknown session ${this.id} is not valid`, 'isValid true', exchange);
  }
  toString = () => `validate(unknown session ${this.id})`;
}

class ManifestWithActive implements LicenceCommand {
  constructor(readonly key: number) {}
  check = (model: Readonly<LicenceModel>) => model.sessions.has(this.key);
  async run(model: LicenceModel, t: Real): Promise<void> {
    const { app, versions } = t.profile.officialApp!;
    const exchange = await t.manifest(model.sessions.get(this.key)!.id, { app, version: versions[0] });
    t.expectAccepted(exchange, [200], 'session_semantics');
  }
  toString = () => `manifests(official app, active session of licence key #${this.key})`;
}

class RegisterSerial implements LicenceCommand {
  constructor(readonly serial: string) {}
  check = (model: Readonly<LicenceModel>) => model.writes;
  async run(model: LicenceModel, t: Real): Promise<void> {
    const { token } = await t.login();
    const registered = model.serials.get(this.serial);
    const serial = registered ?? t.unique(`SNM-${this.serial}`);
    const body = { manufacturer: { name: 'Model Devices', id: 7 }, model: 'IPC-model', serial_number: serial, manufacture_date: '2024-06-01' };
    const exchange = await t.send({ method: 'POST', path: '/api/v2/device/license', headers: { Authorization: `Bearer ${token}` }, json: body });
    if (registered) t.expectRejected(exchange, 'duplicate_rejection');
    else if (t.expectAccepted(exchange, [201])) model.serials.set(this.serial, serial);
  }
  toString = () => `register(serial …${this.serial})`;
}

export default defineProperty({
  operationId: 'post-api-v2-device-license-activate',
  invariant: 'licences and sessions behave like the model',
  requirement:
    'An issued session validates; an unknown one never does; re-activation with the active session gives 204 with that session; timestamps never decrease; a user licence activates while the quota lasts and a user without licences gets 403; an active session gets download tokens; a registered serial cannot be registered again.',
  needs: ['licenseKey', 'officialApp'],
  basis: [
    responseBasis('post-api-v2-device-license-activate', 200),
    responseBasis('post-api-v2-device-license-activate', 204),
    responseBasis('post-api-v2-device-license-activate', 403),
    responseBasis('post-api-v2-tokens', 200),
    erratumBasis('validate-unknown-session'),
    erratumBasis('duplicate-serial-status'),
    realClient(4),
    realClient(5),
  ],
  provenBy: 'activate-ignores-active-session',
  arbitrary(t) {
    const keys = Math.min(2, t.profile.licenseKeys.length);
    const key = fc.nat(keys - 1);
    return fc.commands(
      [
        fc.tuple(key, fc.boolean()).map(([k, withSession]) => new ActivateKey(k, withSession)),
        key.map((k) => new ValidateActive(k)),
        matching(t.contract.componentSchema('id').pattern!).map((id) => new ValidateUnknown(id)),
        key.map((k) => new ManifestWithActive(k)),
        key.map((k) => new TokensWithActive(k)),
        fc.constant(new ActivateUserLicence()),
        fc.constant(new ActivateWithoutLicences()),
        fc.constantFrom('A1', 'B2').map((serial) => new RegisterSerial(serial)),
      ],
      { maxCommands: 12, replayPath: commandsReplayPath() },
    );
  },
  async run(t, commands) {
    const model: LicenceModel = { sessions: new Map(), serials: new Map(), writes: t.target.writesAllowed, userActivationsLeft: 1, hasUserWithoutLicences: t.profile.userWithoutLicences !== undefined };
    await fc.asyncModelRun(() => ({ model, real: t }), commands);
  },
});
