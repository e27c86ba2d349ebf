import { erratumBasis, realClient, responseBasis } from './basis';
import type { OpenAPIV3 } from 'openapi-types';
import { parseSessionHeader, SESSION_HEADER } from './session-header';
import { failure, hasDocumentedOperation, type Check } from './types';

export const responseHeadersConformance: Check = {
  name: 'response_headers_conformance',
  title: 'Documented response headers are present and valid',
  requirement:
    'Required response headers are present; X-Session-Id, on any response, is the JSON text of sessionId {"id","timestamp"} (erratum session-id-response-header-json).',
  strength: 'MUST',
  basis: (exchange) => {
    const { operationId, statuses } = exchange.operation!;
    const status = exchange.response!.status;
    return [...(statuses.includes(status) ? [responseBasis(operationId, status)] : []), erratumBasis('session-id-response-header-json'), realClient(3)];
  },
  appliesTo: hasDocumentedOperation,
  run(exchange, { contract }) {
    const response = exchange.response!;
    const documented = contract.responseHeaders(exchange.operation!.operationId, response.status);
    const problems: string[] = [];
    for (const [name, header] of Object.entries(documented)) {
      const value = response.headers[name.toLowerCase()];
      if (value === undefined) {
        if (header.required) problems.push(`${name} is required but absent`);
        continue;
      }
      const schema = header.schema as OpenAPIV3.SchemaObject;
      const parsed = name.toLowerCase() === SESSION_HEADER ? parseSessionHeader(value, contract.strict) : { ok: true as const, value };
      if (!parsed.ok) {
        problems.push(`${name} ${parsed.reason}: ${value}`);
        continue;
      }
      for (const error of contract.validateValue(schema, parsed.value)) problems.push(`${name}${error.path === '/' ? '' : error.path} ${error.message}: ${value}`);
    }
    // Real devices read X-Session-Id the same way on every response, documented there or not.
    const session = response.headers[SESSION_HEADER];
    if (session !== undefined && !Object.keys(documented).some((name) => name.toLowerCase() === SESSION_HEADER)) {
      const parsed = parseSessionHeader(session, contract.strict);
      if (!parsed.ok) problems.push(`X-Session-Id ${parsed.reason}: ${session}`);
      else for (const error of contract.validateValue(contract.componentSchema('sessionId'), parsed.value)) problems.push(`X-Session-Id${error.path === '/' ? '' : error.path} ${error.message}: ${session}`);
    }
    if (problems.length === 0) return undefined;
    return failure(this, exchange, 'documented headers present and valid', problems.join('; '));
  },
};
