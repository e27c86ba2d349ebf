import { erratumBasis, parameterBasis, realClient, requestBodyBasis, responseBasis } from '../../lib/checks/basis';
import type { ScenarioContext } from '../../lib/scenario/context';
import { defineSuite } from '../../lib/scenario/define';
import type { ScenarioSpec } from '../../lib/scenario/types';
import { doubleSlashScenario, expectSessionRefused, invalidBodyTable, malformedBodyTable, sessionTable, undocumentedMethodScenario } from '../../lib/scenario/tables';

const operationId = 'post-api-v2-tokens';
const path = '/api/v2/tokens';

const official = (t: ScenarioContext) => {
  t.precondition(t.profile.officialApp, 'the profile names no official app');
  return { app: t.profile.officialApp.app, version: t.profile.officialApp.versions[0] };
};
const withSession = async (t: ScenarioContext) => ({ 'X-Session-Id': (await t.session()).id });

export default defineSuite(operationId, [
  {
    operationId,
    status: 200,
    title: 'an official app gets a download token',
    requirement: '200 {statusCode, data: {token: {username, password}}} with the required X-Session-Id header (real-clients 18).',
    needs: ['licenseKey', 'officialApp'],
    async run(t) {
      const exchange = await t.send({ method: 'POST', path, headers: await withSession(t), json: official(t) });
      if (!t.expectStatus(exchange, [200], 'download_token')) return;
      const token = t.json(exchange)?.data?.token;
      t.expect('download_token', typeof token?.username === 'string' && typeof token?.password === 'string', 'data.token.username and data.token.password', token ? 'incomplete token' : 'no token', exchange);
    },
  },
  {
    operationId,
    status: 204,
    title: 'an unofficial app gets 204 and no token',
    requirement: '204 "Inofficial App, no download token creation possible", with the required X-Session-Id header.',
    needs: ['licenseKey', 'unofficialApp'],
    async run(t) {
      const exchange = await t.send({ method: 'POST', path, headers: await withSession(t), json: t.profile.unofficialApp });
      t.expectStatus(exchange, [204], 'download_token');
    },
  },
  ...sessionTable({
    operationId,
    status: 403,
    needs: ['officialApp'],
    requirement: '403 "Session id invalid or not found" for an unknown session; a missing or malformed X-Session-Id may be refused as 400 or 401 too (real-clients 7).',
    basis: [parameterBasis(operationId, 'X-Session-Id'), responseBasis(operationId, 403)],
    request: async (t, sessionId) => ({ method: 'POST', path, headers: { 'X-Session-Id': sessionId }, json: official(t) }),
    verify: expectSessionRefused,
  }),
  {
    operationId,
    status: 'undocumented',
    title: 'a request without a body is refused',
    requirement: 'The schema requires app and version although the body is optional: a 4xx (erratum optional-body-with-required-fields).',
    basis: [requestBodyBasis(operationId), erratumBasis('optional-body-with-required-fields')],
    needs: ['licenseKey'],
    async run(t) {
      t.expectRejected(await t.send({ method: 'POST', path, headers: await withSession(t) }));
    },
  },
  ...malformedBodyTable({ operationId, method: 'POST', path, headers: withSession, needs: ['licenseKey'] }),
  ...invalidBodyTable({
    operationId,
    method: 'POST',
    path,
    headers: withSession,
    needs: ['licenseKey', 'officialApp'],
    names: ['a body without version', 'a body without app', 'version of the wrong type'],
    cases: (t) => [
      { name: 'a body without version', body: { app: official(t).app } },
      { name: 'a body without app', body: { version: official(t).version } },
      { name: 'version of the wrong type', body: { app: official(t).app, version: 3 } },
    ],
  }),
  ...(['an app', 'a version of the official app'] as const).map<ScenarioSpec>((what) => ({
    operationId,
    status: 204,
    title: `${what} the console does not know gets no token`,
    requirement: 'No token for what the console does not sell: 204 "Inofficial App, no download token creation possible" (a sideloaded app) or a 4xx, never 200.',
    basis: [responseBasis(operationId, 204), responseBasis(operationId, 200)],
    needs: ['licenseKey', 'officialApp'],
    async run(t) {
      const unknown = what === 'an app' ? { app: `tech.flecs.no-such-app-${t.target.config.runId}`.toLowerCase(), version: '1.0.0' } : { app: official(t).app, version: '999.999.999-none' };
      const exchange = await t.send({ method: 'POST', path, headers: await withSession(t), json: unknown });
      const status = exchange.response?.status ?? 0;
      if (status < 500) t.expect('download_token', status === 204 || (status >= 400 && status < 500), '204 or a 4xx', String(status), exchange);
    },
  })),
  {
    operationId,
    status: 200,
    title: 'a JSON body labelled application/x-www-form-urlencoded is accepted',
    requirement: 'Legacy daemons (libcurl default) send the JSON body with a form content type (real-clients 10).',
    strength: 'SHOULD',
    basis: [realClient(10)],
    needs: ['licenseKey', 'officialApp'],
    async run(t) {
      const headers = { ...(await withSession(t)), 'Content-Type': 'application/x-www-form-urlencoded' };
      t.expectAccepted(await t.send({ method: 'POST', path, headers, rawBody: JSON.stringify(official(t)) }), [200]);
    },
  },
  doubleSlashScenario(operationId, async (t) => ({ method: 'POST', path, headers: await withSession(t), json: official(t) }), ['licenseKey', 'officialApp']),
  undocumentedMethodScenario(operationId, path),
]);
