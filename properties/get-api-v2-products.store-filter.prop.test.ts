import { parameterBasis, responseBasis } from '../lib/checks/basis';
import fc from 'fast-check';
import { defineProperty } from '../lib/property/define';
import { verifyPagination, verifyStore } from '../lib/scenario/listing';

const operationId = 'get-api-v2-products';

export default defineProperty({
  operationId,
  invariant: 'for any store_id every listed product belongs to that store',
  requirement: 'store_id=N gives 200 where every product has store.id N and page ≤ totalPages, or a 4xx for a store that does not exist.',
  basis: [responseBasis(operationId, 200), parameterBasis(operationId, 'store_id')],
  provenBy: 'products-ignores-store-filter',
  arbitrary: (t) => fc.oneof(fc.constantFrom(...(t.profile.storeIds.length > 0 ? t.profile.storeIds : [1])), fc.integer({ min: -5, max: 2 ** 31 - 1 })),
  async run(t, storeId) {
    const exchange = await t.send({ method: 'GET', path: '/api/v2/products', query: { store_id: storeId } });
    if (exchange.response?.status !== 200) {
      if (exchange.response && exchange.response.status < 500) t.expectRejected(exchange, 'store_filter');
      return;
    }
    verifyStore(t, exchange, storeId);
    verifyPagination(t, exchange);
  },
});
