import { responseBasis } from './basis';
import { failure, hasDocumentedOperation, truncate, type Check } from './types';

/** The value at a JSON pointer of a body (what the schema message is about). */
function valueAt(body: unknown, pointer: string): unknown {
  return pointer.split('/').slice(1).filter(Boolean).reduce<unknown>((node, token) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[token.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), body);
}

export const responseSchemaConformance: Check = {
  name: 'response_schema_conformance',
  title: 'The body matches the documented schema',
  requirement: 'The response body validates against the schema documented for its status (formats included, patterns left to pattern_conformance).',
  strength: 'MUST',
  basis: (exchange) => [responseBasis(exchange.operation!.operationId, exchange.response!.status)],
  appliesTo: (exchange) => hasDocumentedOperation(exchange) && exchange.operation!.statuses.includes(exchange.response!.status),
  run(exchange, { contract }) {
    const response = exchange.response!;
    if (response.body.kind === 'invalid') {
      return failure(this, exchange, 'a JSON body', `${response.body.reason}: ${truncate(response.bodyText, 200)}`);
    }
    const body = response.body.kind === 'json' ? response.body.value : undefined;
    const errors = contract.validateResponseBody(exchange.operation!.operationId, response.status, body);
    if (errors.length === 0) return undefined;
    const expected = contract.responseSchema(exchange.operation!.operationId, response.status) ? `the ${response.status} schema` : 'no body';
    const described = errors.slice(0, 10).map((error) => `${error.path} ${error.message} (got ${truncate(JSON.stringify(valueAt(body, error.path)) ?? 'nothing', 80)})`);
    const more = errors.length > 10 ? `; and ${errors.length - 10} more` : '';
    return { ...failure(this, exchange, expected, described.join('; ') + more), pointer: errors[0].path.replace(/\/\d+(?=\/|$)/g, '/*') };
  },
};
