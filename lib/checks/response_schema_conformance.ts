import { responseBasis } from './basis';
import { failure, hasDocumentedOperation, truncate, type Check } from './types';

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
    return failure(this, exchange, expected, errors.map((error) => `${error.path} ${error.message}`).join('; '));
  },
};
