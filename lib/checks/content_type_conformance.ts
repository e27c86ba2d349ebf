import { erratumBasis, realClient, responseBasis } from './basis';
import { failure, hasDocumentedOperation, type Check } from './types';

const mediaType = (header: string | undefined): string | undefined => header?.split(';')[0].trim().toLowerCase();

export const contentTypeConformance: Check = {
  name: 'content_type_conformance',
  title: 'A response body comes with the documented media type',
  requirement: 'Every response body of the contract is application/json; real web UI parses only a Content-Type containing "json".',
  strength: 'MUST',
  basis: (exchange) => {
    const { operationId, statuses } = exchange.operation!;
    const status = exchange.response!.status;
    return statuses.includes(status) ? [responseBasis(operationId, status)] : [erratumBasis('undocumented-4xx'), realClient(33)];
  },
  appliesTo: (exchange) => hasDocumentedOperation(exchange) && exchange.response!.bodyBytes > 0,
  run(exchange, { contract }) {
    const response = exchange.response!;
    const documented = contract.responseMediaTypes(exchange.operation!.operationId, response.status);
    // Undocumented statuses are error bodies (errorDescription), which the contract always gives as JSON.
    const expected = documented.length > 0 ? documented : ['application/json'];
    const actual = mediaType(response.headers['content-type']);
    if (actual && expected.includes(actual)) return undefined;
    return failure(this, exchange, `Content-Type ${expected.join(' or ')}`, response.headers['content-type'] ?? '(no Content-Type header)');
  },
};
