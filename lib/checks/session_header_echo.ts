import { realClient } from './basis';
import { parseSessionHeader, SESSION_HEADER } from './session-header';
import { failure, hasDocumentedOperation, type Check } from './types';

/** Operations whose X-Session-Id response header speaks of the session the request named. */
const ECHOING = new Set(['post-api-v2-tokens', 'post-api-v2-device-license-validate', 'get-api-v2-manifests-app-version']);

export const sessionHeaderEcho: Check = {
  name: 'session_header_echo',
  title: 'X-Session-Id in a response names the session the request used',
  requirement:
    'On tokens, license/validate and manifests, the X-Session-Id header of a 2xx names the well-formed session id the request sent (UUIDs compare case-insensitively); devices store what it says (real-clients 3, 5).',
  // A server may rotate sessions there: the contract does not say the header repeats the request's.
  strength: 'SHOULD',
  basis: [realClient(3), realClient(5)],
  appliesTo: (exchange) => hasDocumentedOperation(exchange) && ECHOING.has(exchange.operation!.operationId) && exchange.response!.headers[SESSION_HEADER] !== undefined,
  run(exchange, { contract }) {
    const sent = Object.entries(exchange.request.headers).find(([name]) => name.toLowerCase() === SESSION_HEADER)?.[1];
    // A refused request, or one whose id is no session id, names no session the answer could echo.
    if (typeof sent !== 'string' || exchange.response!.status >= 300 || contract.validateFully(contract.componentSchema('id'), sent).length > 0) return undefined;
    const parsed = parseSessionHeader(exchange.response!.headers[SESSION_HEADER]!, contract.strict);
    if (!parsed.ok || typeof parsed.value.id !== 'string') return undefined; // response_headers_conformance reports it
    if (parsed.value.id.toLowerCase() === sent.toLowerCase()) return undefined;
    return failure(this, exchange, `id ${sent}`, `id ${parsed.value.id}`);
  },
};
