import { randomUUID } from 'node:crypto';
import { erratumBasis, parameterBasis, realClient, responseBasis, type Basis } from '../../lib/checks/basis';
import { defineSuite } from '../../lib/scenario/define';
import { parseSessionHeader, SESSION_HEADER } from '../../lib/checks/session-header';
import type { Exchange } from '../../lib/http/exchange';
import { PreconditionError, type ScenarioContext, type SessionInfo } from '../../lib/scenario/context';
import { AUTH_CASES, BAD_SESSION_CASES, doubleSlashScenario, invalidBodyTable, lowercaseBearerScenario, malformedBodyTable, undocumentedMethodScenario } from '../../lib/scenario/tables';
import type { ScenarioSpec } from '../../lib/scenario/types';

const operationId = 'post-api-v2-device-license-activate';
const path = '/api/v2/device/license/activate';

/**
 * A 204's X-Session-Id names `expected`, which is active: the session it names, if it names one. A missing or
 * unreadable header is response_headers_conformance's; a readable one that names no session names the wrong one.
 */
function expectNamesSession(t: ScenarioContext, exchange: Exchange, expected: SessionInfo): SessionInfo | undefined {
  const named = t.sessionOf(exchange, expected.licenseKey);
  const header = exchange.response?.headers[SESSION_HEADER];
  if (!named && (header === undefined || !parseSessionHeader(header, t.contract.strict).ok)) return undefined;
  t.expect('session_semantics', named?.id.toLowerCase() === expected.id.toLowerCase(), `X-Session-Id id ${expected.id}`, named?.id ?? `X-Session-Id: ${header}`, exchange);
  return named;
}

/** Both are "already activated" answers to a key: 200 with a new session, or 204 naming the active one. */
const ACTIVATED = [200, 204];

/** The licence key an activation gives (data.licenseKey) activates a device again: it is a working key. */
async function expectWorkingKey(t: ScenarioContext, licenseKey: string): Promise<void> {
  const { session, exchange } = await t.activateKey(licenseKey);
  if (t.expectAccepted(exchange, ACTIVATED, 'licence_quota')) t.expect('session_semantics', session !== undefined, 'a session in the 200 body or the 204 header', 'none', exchange);
}

/** Validate says the session is valid (`data.isValid` true). */
async function expectValidSession(t: ScenarioContext, sessionId: string, expected: string): Promise<void> {
  const validation = await t.send({ method: 'POST', path: '/api/v2/device/license/validate', headers: { 'X-Session-Id': sessionId } });
  t.expect('session_semantics', t.json(validation)?.data?.isValid === true, expected, `data.isValid ${JSON.stringify(t.json(validation)?.data?.isValid)}`, validation);
}

const TWO_DEVICES = 'Each activation through a user licence activates one more device and consumes one licence (200; 403 "no user license available" once none is left)';

/** Two devices of the primary user, activated through user licences; undefined when either activation failed (reported). */
async function activateTwoDevices(t: ScenarioContext): Promise<[SessionInfo, SessionInfo] | undefined> {
  const user = t.user();
  // Both licences from the run's budget at once, so a target with only one to spare spends none of it here.
  t.consumeUserLicence(user, 2);
  const { token } = await t.login(user);
  const activateDevice = async (): Promise<SessionInfo | undefined> => {
    const exchange = await t.send({ method: 'POST', path, headers: { Authorization: `Bearer ${token}` } });
    // A 200 without a session is the schema check's finding.
    return t.expectAccepted(exchange, [200], 'licence_quota') ? t.sessionOf(exchange, String(t.json(exchange)?.data?.licenseKey)) : undefined;
  };
  const first = await activateDevice();
  const second = first && (await activateDevice());
  return first && second ? [first, second] : undefined;
}

/** Activation through a user licence with a given body form: the forms real devices use (real-clients 8). */
const userLicenceScenario = (form: string, body: { json?: unknown; rawBody?: string; contentType?: string }, strength: 'MUST' | 'SHOULD', basis: Basis[]): ScenarioSpec => ({
  operationId,
  status: 200,
  title: `a user licence activates with ${form}`,
  requirement: '200 activationData {sessionId {id, timestamp}, licenseKey}, consuming one user licence; the licenseKey it gives works (real-clients 1, 2, 8; erratum activate-null-body).',
  strength,
  basis,
  needs: ['writes'],
  async run(t) {
    const user = t.user();
    const { token } = await t.login(user);
    t.consumeUserLicence(user);
    const exchange = await t.send({
      method: 'POST',
      path,
      headers: { Authorization: `Bearer ${token}`, ...(body.contentType ? { 'Content-Type': body.contentType } : {}) },
      json: body.json,
      rawBody: body.rawBody,
    });
    if (t.expectAccepted(exchange, [200])) {
      const data = t.json(exchange)?.data;
      const complete = t.expect('positive_data_acceptance', typeof data?.sessionId?.id === 'string' && typeof data?.licenseKey === 'string', 'data.sessionId.id and data.licenseKey', JSON.stringify(data), exchange);
      if (complete) await expectWorkingKey(t, data.licenseKey);
    }
  },
});

export default defineSuite(operationId, [
  {
    operationId,
    status: 200,
    title: 'a licence key activates and gives a session',
    requirement: '200 activationData {sessionId {id, timestamp}, licenseKey}, or 204 "Device already active" with the session in X-Session-Id for a key active before (real-clients 1, 2, 4, 9).',
    basis: [responseBasis(operationId, 200), responseBasis(operationId, 204)],
    needs: ['licenseKey'],
    async run(t) {
      const licenseKey = t.licenseKey();
      const { session, exchange } = await t.activateKey(licenseKey);
      if (!t.expectAccepted(exchange, ACTIVATED)) return;
      t.expect('positive_data_acceptance', session !== undefined, 'a session: data.sessionId.id (200) or the X-Session-Id header (204)', JSON.stringify(t.json(exchange)?.data ?? null), exchange);
      if (exchange.response!.status !== 200) return;
      const key = t.json(exchange)?.data?.licenseKey;
      t.expect('session_semantics', key === licenseKey, 'data.licenseKey equals the activated key', key === undefined ? 'absent' : 'another key', exchange);
    },
  },
  {
    operationId,
    status: 200,
    title: 'the device journey: login, activate, validate, manifest, download token',
    requirement:
      'What a FLECS device does on first start: a user licence activates with the login token; the session it gets validates, fetches the manifest (with max_manifest_version=3.0.0 for a legacy version of the profile), and gets a download token.',
    basis: [
      responseBasis('post-api-v2-auth-validate', 200),
      responseBasis(operationId, 200),
      responseBasis('post-api-v2-device-license-validate', 200),
      responseBasis('get-api-v2-manifests-app-version', 200),
      responseBasis('post-api-v2-tokens', 200),
    ],
    needs: ['writes', 'officialApp'],
    async run(t) {
      const user = t.user();
      const { token } = await t.login(user);
      const check = await t.send({ method: 'POST', path: '/api/v2/auth/validate', json: { jwt: { token } } });
      if (!t.expect('token_validity', t.json(check)?.data?.isValid === true, 'the login token is valid', JSON.stringify(t.json(check)?.data?.isValid), check)) return;
      t.consumeUserLicence(user);
      // The body is optional: the contract's most literal user-licence activation has none (devices send null: its own scenario).
      const activation = await t.send({ method: 'POST', path, headers: { Authorization: `Bearer ${token}` } });
      const session = t.json(activation)?.data?.sessionId?.id;
      if (!t.expectAccepted(activation, [200]) || typeof session !== 'string') return;
      await expectValidSession(t, session, 'the new session is valid');
      const { app, versions, legacyVersions } = t.profile.officialApp!;
      const version = legacyVersions?.[0] ?? versions[0];
      t.expectAccepted(await t.manifest(session, { app, version }, legacyVersions?.length ? { max_manifest_version: '3.0.0' } : {}), [200], 'session_semantics');
      t.expectAccepted(await t.send({ method: 'POST', path: '/api/v2/tokens', headers: { 'X-Session-Id': session }, json: { app, version } }), [200], 'download_token');
    },
  },
  userLicenceScenario('body null and Content-Type application/json (as FLECS devices send it)', { rawBody: 'null', contentType: 'application/json' }, 'SHOULD', [erratumBasis('activate-null-body'), realClient(8)]),
  userLicenceScenario('body {}', { json: {} }, 'MUST', [responseBasis(operationId, 200), parameterBasis(operationId, 'Authorization')]),
  userLicenceScenario('no body', {}, 'MUST', [responseBasis(operationId, 200), parameterBasis(operationId, 'Authorization')]),
  {
    operationId,
    status: 204,
    title: 'activating again with the active session gives 204 and that same session',
    requirement: '204 "Device already active" with the required X-Session-Id header naming the session (real-clients 4).',
    needs: ['licenseKey'],
    async run(t) {
      const first = await t.session();
      const { exchange } = await t.activateKey(first.licenseKey, first.id);
      if (!t.expectStatus(exchange, [204], 'session_semantics')) return;
      const named = expectNamesSession(t, exchange, first);
      if (named) t.expect('session_semantics', named.timestamp >= first.timestamp, `timestamp ≥ ${first.timestamp}`, String(named.timestamp), exchange);
    },
  },
  {
    operationId,
    status: 204,
    title: 'activating again through the user licence with its active session gives 204 and that same session',
    requirement:
      'A device activated through a user licence is active: the same user activating again with that X-Session-Id ("Leave out if no sessionId is known") gets 204 "Device already active" naming the session, not another licence.',
    basis: [responseBasis(operationId, 204), parameterBasis(operationId, 'X-Session-Id')],
    needs: ['writes'],
    async run(t) {
      const user = t.user();
      t.consumeUserLicence(user);
      const { token } = await t.login(user);
      const first = await t.send({ method: 'POST', path, headers: { Authorization: `Bearer ${token}` } });
      if (!t.expectAccepted(first, [200], 'licence_quota')) return;
      const session = t.sessionOf(first, String(t.json(first)?.data?.licenseKey));
      if (!session) return; // the 200's schema check reports it
      const again = await t.send({ method: 'POST', path, headers: { Authorization: `Bearer ${token}`, 'X-Session-Id': session.id } });
      if (!t.expectStatus(again, [204], 'session_semantics')) return;
      expectNamesSession(t, again, session);
    },
  },
  {
    operationId,
    status: 200,
    title: 'a user licence with an unknown X-Session-Id activates a new device or is refused',
    requirement:
      'A device whose stored session the server no longer knows sends it anyway: activation through a user licence gives a new session (200) or a 4xx, never that id confirmed nor a 5xx.',
    basis: [responseBasis(operationId, 200), parameterBasis(operationId, 'X-Session-Id')],
    needs: ['writes'],
    async run(t) {
      const user = t.user();
      t.consumeUserLicence(user);
      const { token } = await t.login(user);
      const unknown = randomUUID();
      const exchange = await t.send({ method: 'POST', path, headers: { Authorization: `Bearer ${token}`, 'X-Session-Id': unknown } });
      const status = exchange.response?.status ?? 0;
      if (status >= 500 || status === 0) return; // not_a_server_error's or complete_response's finding
      const session = t.sessionOf(exchange, String(t.json(exchange)?.data?.licenseKey));
      const refused = status >= 400 && status < 500;
      t.expect('session_semantics', refused || (status === 200 && session?.id !== unknown), `200 with a session other than ${unknown}, or a 4xx`, `${status}${session ? ` naming ${session.id}` : ''}`, exchange);
    },
  },
  {
    operationId,
    status: 200,
    title: "a user's second device activated through a user licence leaves the first one's session valid",
    requirement: `${TWO_DEVICES}, so the first device is still active, its session valid, after the second one is activated.`,
    strength: 'SHOULD',
    basis: [responseBasis(operationId, 200), responseBasis(operationId, 403), responseBasis('post-api-v2-device-license-validate', 200)],
    needs: ['writes'],
    async run(t) {
      const devices = await activateTwoDevices(t);
      if (devices) await expectValidSession(t, devices[0].id, `the first device's session ${devices[0].id} is still valid`);
    },
  },
  {
    operationId,
    status: 200,
    title: "a device activated again with its user licence's key leaves the user's other device's session valid",
    requirement: `${TWO_DEVICES}, each under the licence key its 200 gives: activating again with the first one's key (a device that lost its session) ends no session of the second.`,
    strength: 'SHOULD',
    basis: [responseBasis(operationId, 200), responseBasis(operationId, 403), responseBasis('post-api-v2-device-license-validate', 200)],
    needs: ['writes'],
    async run(t) {
      const devices = await activateTwoDevices(t);
      if (!devices) return;
      const { exchange } = await t.activateKey(devices[0].licenseKey);
      if (t.expectAccepted(exchange, ACTIVATED, 'licence_quota')) await expectValidSession(t, devices[1].id, `the second device's session ${devices[1].id} is still valid`);
    },
  },
  {
    operationId,
    status: 200,
    title: 'session timestamps of a licence never decrease',
    requirement: 'Timestamps issued to one device never decrease; devices ignore a lower one (real-clients 5).',
    strength: 'SHOULD',
    basis: [realClient(5)],
    needs: ['licenseKey'],
    async run(t) {
      const first = await t.session();
      const { session: second, exchange } = await t.activateKey(first.licenseKey);
      if (!t.expectAccepted(exchange, ACTIVATED) || !second) return;
      t.expect('session_semantics', second.timestamp >= first.timestamp, `timestamp ≥ ${first.timestamp}`, String(second.timestamp), exchange);
    },
  },
  {
    operationId,
    status: 403,
    title: 'a user without user licences is refused',
    requirement: '403 "Forbidden, e.g. no user license available".',
    needs: ['userWithoutLicences'],
    async run(t) {
      const { token } = await t.login(t.profile.userWithoutLicences!);
      const exchange = await t.send({ method: 'POST', path, headers: { Authorization: `Bearer ${token}` } });
      t.expectStatus(exchange, [403], 'licence_quota');
    },
  },
  {
    operationId,
    status: 403,
    title: 'a user whose user licences are used up is refused',
    requirement: 'Each activation of a new device through a user licence consumes one (200); once none is left, 403 "Forbidden, e.g. no user license available".',
    needs: ['userWithFewLicences', 'writes'],
    async run(t) {
      const user = t.profile.userWithFewLicences!;
      const { token } = await t.login(user);
      const activate = () => t.send({ method: 'POST', path, headers: { Authorization: `Bearer ${token}` } });
      for (let taken = 0; taken < user.userLicenses; taken++) {
        const exchange = await activate();
        if (taken === 0 && exchange.response?.status === 403) {
          throw new PreconditionError(`${user.username} has no user licence left (the profile says ${user.userLicenses}): reset its quota before the run`);
        }
        if (!t.expectAccepted(exchange, [200], 'licence_quota')) return;
      }
      t.expectStatus(await activate(), [403], 'licence_quota');
    },
  },
  {
    operationId,
    status: 403,
    title: 'neither Authorization nor a licence key is refused',
    requirement: '403 (example: "Missing Header: Authorization"); never 2xx.',
    async run(t) {
      const exchange = await t.send({ method: 'POST', path, json: {} });
      t.expectRejected(exchange, 'ignored_auth');
    },
  },
  {
    operationId,
    status: 403,
    title: 'an unknown licence key is refused',
    requirement: 'A licence key the server did not issue activates nothing: a 4xx (403 documented).',
    async run(t) {
      const exchange = await t.send({ method: 'POST', path, json: { licenseKey: t.unique('NO-SUCH-KEY') } });
      t.expectRejected(exchange, 'ignored_auth');
    },
  },
  ...AUTH_CASES.filter((authCase) => authCase.name !== 'missing Authorization').map<ScenarioSpec>((authCase) => ({
    operationId,
    status: 'undocumented',
    title: `user-licence activation with ${authCase.name} is refused`,
    requirement: 'Activation through a user licence needs a valid bearer token: a 4xx, never 2xx.',
    basis: [parameterBasis(operationId, 'Authorization'), responseBasis(operationId, 403)],
    async run(t) {
      const { token } = await t.login();
      const exchange = await t.send({ method: 'POST', path, headers: { Authorization: await authCase.header(token) } });
      t.expectRejected(exchange, 'ignored_auth');
    },
  })),
  lowercaseBearerScenario({ operationId, needs: ['writes'], request: async (_t, authorization) => ({ method: 'POST', path, headers: { Authorization: authorization } }) }),
  ...BAD_SESSION_CASES.filter((sessionCase) => sessionCase.name !== 'missing X-Session-Id').map<ScenarioSpec>((sessionCase) => ({
    operationId,
    status: 'undocumented',
    title: `a licence key with ${sessionCase.name} never confirms that session`,
    requirement:
      'An invalid or unknown X-Session-Id is no active session: a new session (200), 204 "Device already active" naming the key\'s own session, or a 4xx; never that id confirmed.',
    basis: [parameterBasis(operationId, 'X-Session-Id'), responseBasis(operationId, 204)],
    needs: ['licenseKey'],
    async run(t) {
      const session = await t.session();
      const sent = sessionCase.header(session.id);
      const { session: named, exchange } = await t.activateKey(session.licenseKey, sent);
      const status = exchange.response?.status ?? 0;
      if (status >= 500) return;
      const confirmed = (status === 200 || status === 204) && named !== undefined && named.id.toLowerCase() === sent?.toLowerCase();
      t.expect('session_semantics', ((status === 200 || status === 204) && !confirmed) || (status >= 400 && status < 500), `200 or 204 with a session other than ${JSON.stringify(sent)}, or a 4xx`, `${status}${named ? ` naming ${named.id}` : ''}`, exchange);
    },
  })),
  ...malformedBodyTable({ operationId, method: 'POST', path }),
  ...invalidBodyTable({
    operationId,
    method: 'POST',
    path,
    names: ['licenseKey of the wrong type'],
    cases: () => [{ name: 'licenseKey of the wrong type', body: { licenseKey: 12345 } }],
  }),
  {
    operationId,
    status: 200,
    title: 'a JSON body labelled application/x-www-form-urlencoded is accepted',
    requirement: 'Legacy daemons (libcurl default) send the JSON body with a form content type (real-clients 10).',
    strength: 'SHOULD',
    basis: [realClient(10)],
    needs: ['licenseKey'],
    async run(t) {
      const exchange = await t.send({ method: 'POST', path, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, rawBody: JSON.stringify({ licenseKey: t.licenseKey() }) });
      t.expectAccepted(exchange, ACTIVATED);
    },
  },
  doubleSlashScenario(operationId, async (t) => ({ method: 'POST', path, json: { licenseKey: t.licenseKey() } }), ['licenseKey']),
  undocumentedMethodScenario(operationId, path),
]);
