import { erratumBasis, realClient } from './basis';
import { failure, hasDocumentedOperation, type Check } from './types';
import { policyActive } from '../spec/errata';

/** Success bodies: the statusCode they carry is the HTTP status (error bodies are error_body_consistency's). */
export const bodyStatusCode: Check = {
  name: 'body_status_code',
  title: "A success body's statusCode is the HTTP status",
  requirement: 'Where a 2xx body carries statusCode, it equals the HTTP status (every example of the contract; the web UI rejects a body statusCode ≥ 400, real-clients 25).',
  strength: 'MUST',
  basis: [erratumBasis('status-code-mirrors-http-status'), realClient(25)],
  appliesTo: (exchange, { contract }) =>
    hasDocumentedOperation(exchange) && exchange.response!.status < 400 && exchange.response!.body.kind === 'json' && policyActive('status-code-mirrors-http-status', contract.strict),
  run(exchange) {
    const response = exchange.response!;
    const body = response.body.kind === 'json' ? response.body.value : undefined;
    if (body === null || typeof body !== 'object' || !('statusCode' in body)) return undefined;
    const statusCode = (body as { statusCode: unknown }).statusCode;
    if (statusCode === response.status) return undefined;
    return failure(this, exchange, `statusCode ${response.status}`, JSON.stringify(statusCode) ?? 'undefined');
  },
};
