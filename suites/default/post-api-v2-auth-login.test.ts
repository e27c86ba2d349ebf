import { operationBasis, realClient, responseBasis, type Basis } from '../../lib/checks/basis';
import { defineSuite } from '../../lib/scenario/define';
import type { ScenarioSpec } from '../../lib/scenario/types';
import type { ProfileUser } from '../../lib/target/profile';
import { corsScenario, doubleSlashScenario, invalidBodyTable, malformedBodyTable, preflightScenario, undocumentedMethodScenario } from '../../lib/scenario/tables';

const operationId = 'post-api-v2-auth-login';
const path = '/api/v2/auth/login';
const credentials = (user: ProfileUser) => ({ username: user.username, password: user.password });

/** A login that must give a token, with the body a given client sends. */
const loginGivesToken = (title: string, requirement: string, body: (user: ProfileUser) => Record<string, unknown>, basis: Basis[], strength?: 'SHOULD'): ScenarioSpec => ({
  operationId,
  status: 200,
  title,
  requirement,
  basis,
  strength,
  async run(t) {
    const exchange = await t.send({ method: 'POST', path, json: body(t.user()) });
    if (t.expectAccepted(exchange, [200])) {
      const token = t.json(exchange)?.data?.jwt?.token;
      t.expect('positive_data_acceptance', typeof token === 'string' && token !== '', 'data.jwt.token, a non-empty string', JSON.stringify(token), exchange);
    }
  },
});

export default defineSuite(operationId, [
  loginGivesToken(
    'valid credentials with issueJWT true give a token',
    'The request example {issueJWT: true, password, username} answers 200 with data.jwt.token (real-clients 23).',
    (user) => ({ issueJWT: true, password: user.password, username: user.username }),
    [operationBasis(operationId, 'requestBody', 'content', 'application/json', 'examples', 'example-0001'), responseBasis(operationId, 200), realClient(23)],
  ),
  // The contract leaves open what a login without issueJWT gives; the web UI of today relies on a token.
  loginGivesToken('valid credentials without issueJWT give a token', '200 with data.jwt.token (real-clients 22: the web UI sends no issueJWT).', credentials, [realClient(22)], 'SHOULD'),
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
    names: ['a property the schema does not define (additionalProperties: false)', 'username of the wrong type', 'password of the wrong type', 'issueJWT of the wrong type'],
    cases: (t) => {
      const user = t.user();
      return [
        { name: 'a property the schema does not define (additionalProperties: false)', body: { username: user.username, password: user.password, remember: true } },
        { name: 'username of the wrong type', body: { username: 42, password: user.password } },
        { name: 'password of the wrong type', body: { username: user.username, password: [user.password] } },
        { name: 'issueJWT of the wrong type', body: { username: user.username, password: user.password, issueJWT: 'yes' } },
      ];
    },
  }),
  corsScenario(operationId, 200, async (t) => ({ method: 'POST', path, json: { issueJWT: true, ...credentials(t.user()) } }), 'login answers browsers with CORS headers'),
  preflightScenario(operationId, path, ['content-type']),
  doubleSlashScenario(operationId, async (t) => ({ method: 'POST', path, json: { issueJWT: true, ...credentials(t.user()) } })),
  undocumentedMethodScenario(operationId, path),
]);
