import { erratumBasis } from './basis';
import { failure, truncate, type Check } from './types';

export const notAServerError: Check = {
  name: 'not_a_server_error',
  title: 'No 5xx',
  requirement: 'A request the client can make must never crash the server: no 5xx, whatever the input.',
  strength: 'MUST',
  basis: [erratumBasis('server-error-is-a-defect')],
  appliesTo: (exchange) => exchange.response !== undefined,
  run(exchange) {
    const response = exchange.response!;
    if (response.status < 500) return undefined;
    return failure(this, exchange, 'a status below 500', `${response.status} ${truncate(response.bodyText, 200)}`);
  },
};
