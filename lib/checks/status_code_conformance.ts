import { erratumBasis, operationBasis } from './basis';
import { policyActive } from '../spec/errata';
import { failure, hasDocumentedOperation, type Check } from './types';

export const statusCodeConformance: Check = {
  name: 'status_code_conformance',
  title: 'The status is one the contract documents for the operation',
  requirement:
    'The response status is documented for the operation; where the contract documents no 4xx for a case, any 4xx (erratum undocumented-4xx).',
  strength: 'MUST',
  basis: (exchange) => [operationBasis(exchange.operation!.operationId, 'responses'), erratumBasis('undocumented-4xx')],
  appliesTo: hasDocumentedOperation,
  run(exchange, { contract }) {
    const status = exchange.response!.status;
    const documented = exchange.operation!.statuses;
    if (documented.includes(status)) return undefined;
    if (status >= 400 && status < 500 && policyActive('undocumented-4xx', contract.strict)) return undefined;
    // 5xx is not_a_server_error's finding: one violation, one failure.
    if (status >= 500) return undefined;
    return failure(this, exchange, `one of ${documented.join(', ')}${contract.strict ? '' : ' or a 4xx'}`, String(status));
  },
};
