import { defineSuite } from '../../lib/scenario/define';
import type { ScenarioSpec } from '../../lib/scenario/types';
import type { ProfileUser } from '../../lib/target/profile';
import { doubleSlashScenario, invalidBodyTable, malformedBodyTable } from '../../lib/scenario/tables';

const operationId = 'post-api-v2-auth-login';
const path = '/api/v2/auth/login';
const WEB_UI_ORIGIN = 'http://flecs-device.local';

/** A login that must give a token, with the body a given client sends. */
const loginGivesToken = (title: string, requirement: string, body: (user: ProfileUser) => Record<string, unknown>): ScenarioSpec => ({
  operationId,
  status: 200,
  title,
  requirement,
  async run(t) {
    const exchange = await t.send({ method: 'POST', path, json: body(t.user()) });
    if (t.expectAccepted(exchange, [200])) {
      const token = t.json(exchange)?.data?.jwt?.token;
      t.expect('positive_data_acceptance', typeof token === 'string' && token !== '', 'data.jwt.token, a non-empty string', JSON.stringify(token), exchange);
    }
  },
});

export default defineSuite(operationId, [
  loginGivesToken('valid credentials without issueJWT give a token', '200 with data.jwt.token (real-clients 22: the web UI sends no issueJWT).', (user) => ({ username: user.username, password: user.password })),
  loginGivesToken(
    'valid credentials with issueJWT true give a token',
    'The request example {issueJWT: true, password, username} answers 200 with data.jwt.token (real-clients 23).',
    (user) => ({ issueJWT: true, password: user.password, username: user.username }),
  ),
  {
    operationId,
    status: 403,
    title: 'a wrong password is refused',
    requirement: '403 "Password or user incorrect".',
    async run(t) {
      const user = t.user();
      const exchange = await t.send({ method: 'POST', path, json: { username: user.username, password: `${user.password}-wrong` } });
      if (t.expectRejected(exchange, 'ignored_auth')) t.expectStatus(exchange, [403]);
    },
  },
  {
    operationId,
    status: 403,
    title: 'an unknown user is refused',
    requirement: '403 "Password or user incorrect".',
    async run(t) {
      const exchange = await t.send({ method: 'POST', path, json: { username: t.unique('nobody'), password: 'irrelevant-password' } });
      if (t.expectRejected(exchange, 'ignored_auth')) t.expectStatus(exchange, [403]);
    },
  },
  ...malformedBodyTable({ operationId, method: 'POST', path }),
  ...invalidBodyTable({
    operationId,
    method: 'POST',
    path,
    names: ['a property the schema does not define (additionalProperties: false)', 'username of the wrong type', 'issueJWT of the wrong type'],
    cases: (t) => {
      const user = t.user();
      return [
        { name: 'a property the schema does not define (additionalProperties: false)', body: { username: user.username, password: user.password, remember: true } },
        { name: 'username of the wrong type', body: { username: 42, password: user.password } },
        { name: 'issueJWT of the wrong type', body: { username: user.username, password: user.password, issueJWT: 'yes' } },
      ];
    },
  }),
  {
    operationId,
    status: 200,
    title: 'login answers browsers with CORS headers',
    requirement: 'The web UI calls login from the browser: Access-Control-Allow-Origin for any device origin (real-clients 32).',
    strength: 'SHOULD',
    async run(t) {
      const user = t.user();
      const exchange = await t.send({ method: 'POST', path, headers: { Origin: WEB_UI_ORIGIN }, json: { username: user.username, password: user.password } });
      const allowed = exchange.response?.headers['access-control-allow-origin'];
      t.expect('cors', allowed === '*' || allowed === WEB_UI_ORIGIN, `Access-Control-Allow-Origin: * or ${WEB_UI_ORIGIN}`, String(allowed), exchange);
    },
  },
  {
    operationId,
    status: 'undocumented',
    title: 'the CORS preflight allows POST with content-type',
    requirement: 'OPTIONS preflights on /api/v2/auth/login allow POST with header content-type (real-clients 32).',
    strength: 'SHOULD',
    async run(t) {
      const exchange = await t.send({
        method: 'OPTIONS',
        path,
        headers: { Origin: WEB_UI_ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
      });
      const headers = exchange.response?.headers ?? {};
      const origin = headers['access-control-allow-origin'];
      const methods = (headers['access-control-allow-methods'] ?? '').toUpperCase();
      const allowHeaders = (headers['access-control-allow-headers'] ?? '').toLowerCase();
      const ok = (origin === '*' || origin === WEB_UI_ORIGIN) && (methods.includes('POST') || methods === '*') && (allowHeaders.includes('content-type') || allowHeaders === '*');
      t.expect('cors', ok && (exchange.response?.status ?? 0) < 300, 'a 2xx preflight allowing the origin, POST and content-type', JSON.stringify({ status: exchange.response?.status, origin, methods, allowHeaders }), exchange);
    },
  },
  doubleSlashScenario(operationId, async (t) => ({ method: 'POST', path, json: { username: t.user().username, password: t.user().password } })),
]);
