import { erratumBasis, requestBodyBasis, responseBasis } from '../../lib/checks/basis';
import { badToken, type BadTokenKind } from '../../lib/generate/jwt';
import type { Exchange } from '../../lib/http/exchange';
import type { ScenarioContext } from '../../lib/scenario/context';
import { defineSuite } from '../../lib/scenario/define';
import type { ScenarioSpec } from '../../lib/scenario/types';
import { invalidBodyTable, malformedBodyTable, preflightScenario, undocumentedMethodScenario } from '../../lib/scenario/tables';

const operationId = 'post-api-v2-auth-validate';
const path = '/api/v2/auth/validate';

/** The only documented answer is 200: a token or body that is not valid may get {isValid: false} as well as a 4xx. */
function expectNotValid(t: ScenarioContext, exchange: Exchange): void {
  const status = exchange.response?.status ?? 0;
  if (status >= 500) return; // not_a_server_error's finding
  const isValid = t.json(exchange)?.data?.isValid;
  t.expect('token_validity', (status >= 400 && status < 500) || (status === 200 && isValid === false), '200 with isValid false, or a 4xx', `${status} isValid ${JSON.stringify(isValid)}`, exchange);
}

const invalidTokenScenario = (kind: BadTokenKind): ScenarioSpec => ({
  operationId,
  status: 200,
  title: `a ${kind} token is not valid`,
  requirement: 'isValid is never true for a token the server did not issue as is; 200 with isValid false or a 4xx (erratum auth-validate-invalid-token).',
  basis: [erratumBasis('auth-validate-invalid-token')],
  async run(t) {
    const { token } = await t.login();
    expectNotValid(t, await t.send({ method: 'POST', path, json: { jwt: { token: await badToken(kind, token) } } }));
  },
});

export default defineSuite(operationId, [
  {
    operationId,
    status: 200,
    title: 'a token the server issued is valid',
    requirement: '200 {statusCode: 200, data: {isValid: true}} for the token login issued (real-clients 26).',
    async run(t) {
      const { token } = await t.login();
      const exchange = await t.send({ method: 'POST', path, json: { jwt: { token } } });
      if (t.expectAccepted(exchange, [200])) {
        const isValid = t.json(exchange)?.data?.isValid;
        t.expect('token_validity', isValid === true, 'data.isValid true', JSON.stringify(isValid), exchange);
      }
    },
  },
  ...(['tampered', 'forged', 'expired', 'alg-none'] as const).map(invalidTokenScenario),
  {
    operationId,
    status: 200,
    title: 'a body without a token, which the schema allows, is never valid',
    requirement: 'The request schema requires neither jwt nor jwt.token: {} and {"jwt": {}} are valid requests that name no token, so they get {isValid: false} (or a 4xx), never a 5xx.',
    basis: [requestBodyBasis(operationId), responseBasis(operationId, 200)],
    async run(t) {
      for (const body of [{}, { jwt: {} }]) expectNotValid(t, await t.send({ method: 'POST', path, json: body }));
    },
  },
  ...malformedBodyTable({ operationId, method: 'POST', path, verifyRefused: expectNotValid }),
  ...invalidBodyTable({
    operationId,
    method: 'POST',
    path,
    verifyRefused: expectNotValid,
    names: ['a token that is not a string', 'jwt that is not an object', 'jwt that is null (not nullable)', 'a property the schema does not define (additionalProperties: false)'],
    cases: () => [
      { name: 'a token that is not a string', body: { jwt: { token: 12345 } } },
      { name: 'jwt that is not an object', body: { jwt: 'eyJ.not.an-object' } },
      { name: 'jwt that is null (not nullable)', body: { jwt: null } },
      { name: 'a property the schema does not define (additionalProperties: false)', body: { jwt: { token: 'x' }, refresh: true } },
    ],
  }),
  preflightScenario(operationId, path, ['content-type', 'authorization']),
  undocumentedMethodScenario(operationId, path),
]);
