import { operationBasis, realClient } from './basis';
import { failure, type Check } from './types';

/** Timeouts, resets, oversize or non-HTTP replies are findings of the exchange, never crashes of the suite. */
export const completeResponse: Check = {
  name: 'complete_response',
  title: 'The server answers with a complete HTTP response within the deadline',
  requirement: 'Every request gets a complete, parseable HTTP response within the request deadline (real web UI: 15 s).',
  strength: 'MUST',
  // The contract documents a response for every operation; off the contract, the web UI's 15 s (real-clients 34).
  basis: (exchange) => [...(exchange.operation ? [operationBasis(exchange.operation.operationId, 'responses')] : []), realClient(34)],
  appliesTo: () => true,
  run(exchange) {
    if (!exchange.error) return undefined;
    return failure(this, exchange, 'a complete HTTP response', `${exchange.error.kind}: ${exchange.error.message}`);
  },
};
