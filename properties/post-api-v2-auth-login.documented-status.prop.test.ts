import { operationBasis, requestBodyBasis } from '../lib/checks/basis';
import fc from 'fast-check';
import { validValue } from '../lib/generate/arbitraries';
import { defineProperty } from '../lib/property/define';

const operationId = 'post-api-v2-auth-login';

export default defineProperty({
  operationId,
  invariant: 'every valid login body gets a documented status with a conforming body',
  requirement: 'A body valid under APIV2AuthLoginPostRequest answers 200 (right credentials) or 403 "Password or user incorrect" (or 400 when username or password is absent or empty), each with its documented schema.',
  basis: [requestBodyBasis(operationId), operationBasis(operationId, 'responses')],
  provenBy: 'login-wrong-password-401',
  arbitrary(t) {
    const user = t.user();
    const generated = validValue(t.contract.requestBodySchema(operationId));
    // The profile's own credentials now and then, so both documented outcomes are exercised.
    const real = fc.record({ issueJWT: fc.boolean() }, { requiredKeys: [] }).map((extra) => ({ ...extra, username: user.username, password: user.password }));
    return fc.oneof({ weight: 3, arbitrary: generated }, { weight: 1, arbitrary: real });
  },
  async run(t, body) {
    const exchange = await t.send({ method: 'POST', path: '/api/v2/auth/login', json: body });
    // Nothing is required, but a login without (or with an empty) username or password may as well be refused as a bad request.
    const given = (value: unknown): boolean => typeof value === 'string' && value !== '';
    const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const incomplete = !given(fields.username) || !given(fields.password);
    t.expectStatus(exchange, incomplete ? [200, 400, 403] : [200, 403]);
  },
});
