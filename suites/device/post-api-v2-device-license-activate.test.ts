import { defineSuite } from '../../lib/scenario/define';
import { SESSION_HEADER, parseSessionHeader } from '../../lib/checks/session-header';
import { AUTH_CASES, BAD_SESSION_CASES, doubleSlashScenario, invalidBodyTable, malformedBodyTable } from '../../lib/scenario/tables';
import type { ScenarioSpec } from '../../lib/scenario/types';

const operationId = 'post-api-v2-device-license-activate';
const path = '/api/v2/device/license/activate';

/** Activation through a user licence with a given body form: the forms real devices use (real-clients 8). */
const userLicenceScenario = (form: string, body: { json?: unknown; rawBody?: string; contentType?: string }, strength: 'MUST' | 'SHOULD'): ScenarioSpec => ({
  operationId,
  status: 200,
  title: `a user licence activates with ${form}`,
  requirement: '200 activationData {sessionId {id, timestamp}, licenseKey}, consuming one user licence (real-clients 1, 2, 8; erratum activate-null-body).',
  strength,
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
      t.expect('positive_data_acceptance', typeof data?.sessionId?.id === 'string' && typeof data?.licenseKey === 'string', 'data.sessionId.id and data.licenseKey', JSON.stringify(data), exchange);
    }
  },
});

export default defineSuite(operationId, [
  {
    operationId,
    status: 200,
    title: 'a licence key activates and gives a session',
    requirement: '200 activationData {sessionId {id, timestamp}, licenseKey} (real-clients 1, 2, 9).',
    needs: ['licenseKey'],
    async run(t) {
      const licenseKey = t.licenseKey();
      const { session, exchange } = await t.activateKey(licenseKey);
      if (t.expectAccepted(exchange, [200])) {
        t.expect('positive_data_acceptance', session !== undefined, 'data.sessionId.id, a string', JSON.stringify(t.json(exchange)?.data), exchange);
        const key = t.json(exchange)?.data?.licenseKey;
        t.expect('session_semantics', key === licenseKey, 'data.licenseKey equals the activated key', key === undefined ? 'absent' : 'another key', exchange);
      }
    },
  },
  {
    operationId,
    status: 200,
    title: 'the device journey: login, activate, validate, manifest, download token',
    requirement:
      'What a FLECS device does on first start: a user licence activates with the login token; the session it gets validates, fetches the manifest with max_manifest_version=3.0.0, and gets a download token.',
    needs: ['writes', 'officialApp'],
    async run(t) {
      const user = t.user();
      const { token } = await t.login(user);
      const check = await t.send({ method: 'POST', path: '/api/v2/auth/validate', json: { jwt: { token } } });
      if (!t.expect('token_validity', t.json(check)?.data?.isValid === true, 'the login token is valid', JSON.stringify(t.json(check)?.data?.isValid), check)) return;
      t.consumeUserLicence(user);
      const activation = await t.send({ method: 'POST', path, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, rawBody: 'null' });
      const session = t.json(activation)?.data?.sessionId?.id;
      if (!t.expectAccepted(activation, [200]) || typeof session !== 'string') return;
      const validation = await t.send({ method: 'POST', path: '/api/v2/device/license/validate', headers: { 'X-Session-Id': session } });
      t.expect('session_semantics', t.json(validation)?.data?.isValid === true, 'the new session is valid', JSON.stringify(t.json(validation)?.data?.isValid), validation);
      const { app, versions } = t.profile.officialApp!;
      t.expectAccepted(await t.manifest(session, { app, version: versions[0] }, { max_manifest_version: '3.0.0' }), [200], 'session_semantics');
      t.expectAccepted(await t.send({ method: 'POST', path: '/api/v2/tokens', headers: { 'X-Session-Id': session }, json: { app, version: versions[0] } }), [200], 'download_token');
    },
  },
  userLicenceScenario('body null and Content-Type application/json (as FLECS devices send it)', { rawBody: 'null', contentType: 'application/json' }, 'SHOULD'),
  userLicenceScenario('body {}', { json: {} }, 'MUST'),
  userLicenceScenario('no body', {}, 'MUST'),
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
      const header = exchange.response!.headers[SESSION_HEADER];
      const parsed = header === undefined ? undefined : parseSessionHeader(header, t.contract.strict);
      if (!parsed?.ok) return; // response_headers_conformance reports a missing or unreadable header
      t.expect('session_semantics', parsed.value.id === first.id, `X-Session-Id id ${first.id}`, String(parsed.value.id), exchange);
      t.expect('session_semantics', Number(parsed.value.timestamp) >= first.timestamp, `timestamp ≥ ${first.timestamp}`, String(parsed.value.timestamp), exchange);
    },
  },
  {
    operationId,
    status: 200,
    title: 'session timestamps of a licence never decrease',
    requirement: 'Timestamps issued to one device never decrease; devices ignore a lower one (real-clients 5).',
    needs: ['licenseKey'],
    async run(t) {
      const first = await t.session();
      const { session: second, exchange } = await t.activateKey(first.licenseKey);
      if (!t.expectAccepted(exchange, [200]) || !second) return;
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
      const exchange = await t.send({ method: 'POST', path, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, rawBody: 'null' });
      t.expectStatus(exchange, [403], 'licence_quota');
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
    async run(t) {
      const { token } = await t.login();
      const exchange = await t.send({ method: 'POST', path, headers: { Authorization: await authCase.header(token), 'Content-Type': 'application/json' }, rawBody: 'null' });
      t.expectRejected(exchange, 'ignored_auth');
    },
  })),
  ...BAD_SESSION_CASES.filter((sessionCase) => sessionCase.name !== 'missing X-Session-Id').map<ScenarioSpec>((sessionCase) => ({
    operationId,
    status: 'undocumented',
    title: `a licence key with ${sessionCase.name} never gives 204`,
    requirement: 'Only the active session is "already active": an invalid or unknown X-Session-Id gives a new session (200) or a 4xx, never 204.',
    needs: ['licenseKey'],
    async run(t) {
      const session = await t.session();
      const { exchange } = await t.activateKey(session.licenseKey, sessionCase.header(session.id));
      const status = exchange.response?.status ?? 0;
      t.expect('session_semantics', status === 200 || (status >= 400 && status < 500), '200 with a new session, or a 4xx', String(status), exchange);
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
    needs: ['licenseKey'],
    async run(t) {
      const exchange = await t.send({ method: 'POST', path, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, rawBody: JSON.stringify({ licenseKey: t.licenseKey() }) });
      t.expectAccepted(exchange, [200]);
    },
  },
  doubleSlashScenario(operationId, async (t) => ({ method: 'POST', path, json: { licenseKey: t.licenseKey() } }), ['licenseKey']),
]);
