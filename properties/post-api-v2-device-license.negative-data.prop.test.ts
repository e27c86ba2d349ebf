import { requestBodyBasis, responseBasis } from '../lib/checks/basis';
import fc from 'fast-check';
import { invalidValue } from '../lib/generate/arbitraries';
import { defineProperty } from '../lib/property/define';

const operationId = 'post-api-v2-device-license';

export default defineProperty({
  operationId,
  invariant: 'every invalid registration is rejected with a 4xx',
  requirement: 'A body that violates deviceLicense (each mutation class: a required field removed, a wrong type, a date that is not one, null…) gives 400 or 422, never 201.',
  needs: ['writes'],
  basis: [requestBodyBasis(operationId), responseBasis(operationId, 400), responseBasis(operationId, 422)],
  provenBy: 'register-accepts-bad-date',
  async arbitrary(t) {
    const { token } = await t.login();
    // Valid on the target apart from the mutation: a plausible device with a serial unique to this run.
    const valid = fc.nat().map((n) => ({ manufacturer: { name: 'Conformance Devices GmbH', id: 791 }, model: 'IPC-prop', serial_number: `${t.unique('SNP')}-${n}`, manufacture_date: '2025-01-01' }));
    return invalidValue(t.contract.requestBodySchema(operationId)!, { valid }).map((invalid) => ({ ...invalid, token }));
  },
  async run(t, { sample, document, token }) {
    const exchange = await t.send({ method: 'POST', path: '/api/v2/device/license', headers: { Authorization: `Bearer ${token}` }, json: document === undefined ? null : document });
    if (!exchange.response || exchange.response.status >= 500) return;
    const status = exchange.response.status;
    t.expect('negative_data_rejection', status === 400 || status === 422, `400 or 422 for ${sample.mutation} at ${sample.at}`, String(status), exchange);
  },
});
