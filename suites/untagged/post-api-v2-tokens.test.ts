import type { ScenarioContext } from '../../lib/scenario/context';
import { defineSuite } from '../../lib/scenario/define';
import { invalidBodyTable, malformedBodyTable, sessionTable } from '../../lib/scenario/tables';

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
    requirement: '403 "Session id invalid or not found" (real-clients 7).',
    request: async (t, sessionId) => ({ method: 'POST', path, headers: { 'X-Session-Id': sessionId }, json: official(t) }),
    verify(t, exchange) {
      if (t.expectRejected(exchange, 'ignored_auth')) t.expectStatus(exchange, [403]);
    },
  }),
  {
    operationId,
    status: 'undocumented',
    title: 'a request without a body is refused',
    requirement: 'The schema requires app and version although the body is optional: a 4xx (erratum optional-body-with-required-fields).',
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
    names: ['a body without version', 'a body without app', 'version of the wrong type', 'an unknown app'],
    cases: (t) => [
      { name: 'a body without version', body: { app: official(t).app } },
      { name: 'a body without app', body: { version: official(t).version } },
      { name: 'version of the wrong type', body: { app: official(t).app, version: 3 } },
      { name: 'an unknown app', body: { app: `tech.flecs.no-such-app-${t.target.config.runId}`.toLowerCase(), version: '1.0.0' } },
    ],
  }),
  {
    operationId,
    status: 200,
    title: 'a JSON body labelled application/x-www-form-urlencoded is accepted',
    requirement: 'Legacy daemons (libcurl default) send the JSON body with a form content type (real-clients 10).',
    strength: 'SHOULD',
    needs: ['licenseKey', 'officialApp'],
    async run(t) {
      const headers = { ...(await withSession(t)), 'Content-Type': 'application/x-www-form-urlencoded' };
      t.expectAccepted(await t.send({ method: 'POST', path, headers, rawBody: JSON.stringify(official(t)) }), [200]);
    },
  },
]);
