import { erratumBasis } from '../lib/checks/basis';
import fc from 'fast-check';
import { matching, nearMisses } from '../lib/generate/arbitraries';
import { defineProperty } from '../lib/property/define';
import { headerSafe, sessionIdPattern } from '../lib/property/inputs';

const operationId = 'post-api-v2-device-license-validate';

export default defineProperty({
  operationId,
  invariant: 'no session id the server did not issue is ever valid',
  requirement: 'A well-formed unknown id, a near miss of an issued one (one char short or long…) or any other string is never isValid true (erratum validate-unknown-session). The upper-case form of an issued id is no near miss: UUIDs compare case-insensitively.',
  needs: ['licenseKey'],
  basis: [erratumBasis('validate-unknown-session')],
  provenBy: 'license-validate-unknown-valid',
  async arbitrary(t) {
    const issued = await t.session();
    const pattern = sessionIdPattern(t);
    return fc
      .oneof(matching(pattern), nearMisses(pattern), headerSafe(fc.string({ maxLength: 40 })), fc.constantFrom(issued.id.slice(1), `${issued.id}0`))
      .filter((candidate) => candidate.toLowerCase() !== issued.id.toLowerCase());
  },
  async run(t, sessionId) {
    const exchange = await t.send({ method: 'POST', path: '/api/v2/device/license/validate', headers: { 'X-Session-Id': sessionId } });
    const status = exchange.response?.status ?? 0;
    const isValid = t.json(exchange)?.data?.isValid;
    t.expect('session_semantics', (status >= 400 && status < 500) || (status === 200 && isValid === false), '200 with isValid false, or a 4xx', `${status} isValid ${JSON.stringify(isValid)}`, exchange);
  },
});
