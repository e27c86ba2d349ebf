import { erratumBasis, requestBodyBasis } from '../lib/checks/basis';
import fc from 'fast-check';
import { invalidValue } from '../lib/generate/arbitraries';
import { defineProperty } from '../lib/property/define';

const operationId = 'post-api-v2-tokens';

export default defineProperty({
  operationId,
  invariant: 'every invalid token request is rejected with a 4xx',
  requirement: 'A body that violates {app, version} (both required strings) gives a 4xx with an error body, never a token.',
  needs: ['licenseKey', 'officialApp'],
  basis: [requestBodyBasis(operationId), erratumBasis('optional-body-with-required-fields'), erratumBasis('undocumented-4xx')],
  provenBy: 'tokens-accepts-missing-version',
  async arbitrary(t) {
    const session = await t.session();
    const official = { app: t.profile.officialApp!.app, version: t.profile.officialApp!.versions[0] };
    return invalidValue(t.contract.requestBodySchema(operationId)!, { valid: fc.constant(official) }).map((invalid) => ({ ...invalid, session: session.id }));
  },
  async run(t, { sample, document, session }) {
    const exchange = await t.send({ method: 'POST', path: '/api/v2/tokens', headers: { 'X-Session-Id': session }, json: document === undefined ? null : document });
    if (!exchange.response || exchange.response.status >= 500) return;
    t.expect('negative_data_rejection', exchange.response.status >= 400 && exchange.response.status < 500, `a 4xx for ${sample.mutation} at ${sample.at}`, String(exchange.response.status), exchange);
  },
});
