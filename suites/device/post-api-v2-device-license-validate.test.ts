import { erratumBasis, parameterBasis } from '../../lib/checks/basis';
import { defineSuite } from '../../lib/scenario/define';
import { doubleSlashScenario, sessionTable, undocumentedMethodScenario } from '../../lib/scenario/tables';

const operationId = 'post-api-v2-device-license-validate';
const path = '/api/v2/device/license/validate';

export default defineSuite(operationId, [
  {
    operationId,
    status: 200,
    title: 'an issued session is valid',
    requirement: '200 {data: {isValid: true}} for the session activate issued, with no body and only X-Session-Id (real-clients 11).',
    needs: ['licenseKey'],
    async run(t) {
      const session = await t.session();
      const exchange = await t.send({ method: 'POST', path, headers: { 'X-Session-Id': session.id } });
      if (t.expectAccepted(exchange, [200])) {
        const isValid = t.json(exchange)?.data?.isValid;
        t.expect('session_semantics', isValid === true, 'data.isValid true', JSON.stringify(isValid), exchange);
      }
    },
  },
  ...sessionTable({
    operationId,
    status: 200,
    requirement: 'A missing, malformed or unknown session is never valid: 200 with isValid false, or a 4xx (erratum validate-unknown-session).',
    basis: [parameterBasis(operationId, 'X-Session-Id'), erratumBasis('validate-unknown-session')],
    request: async (_t, sessionId) => ({ method: 'POST', path, headers: { 'X-Session-Id': sessionId } }),
    verify(t, exchange) {
      const status = exchange.response?.status ?? 0;
      const isValid = t.json(exchange)?.data?.isValid;
      t.expect('session_semantics', (status >= 400 && status < 500) || (status === 200 && isValid === false), '200 with isValid false, or a 4xx', `${status} isValid ${JSON.stringify(isValid)}`, exchange);
    },
  }),
  doubleSlashScenario(operationId, async (t) => ({ method: 'POST', path, headers: { 'X-Session-Id': (await t.session()).id } }), ['licenseKey']),
  undocumentedMethodScenario(operationId, path),
]);
