import { defineSuite } from '../../lib/scenario/define';
import { listingScenarios } from '../../lib/scenario/listing';
import { authTable, storeIdTable } from '../../lib/scenario/tables';

const operationId = 'get-api-v2-my-products-apps';
const path = '/api/v2/my/products/apps';

export default defineSuite(operationId, [
  ...listingScenarios({ operationId, path, authorized: true, paged: true, catalogue: { operationId: 'get-api-v2-products-apps', path: '/api/v2/products/apps' } }),
  ...authTable({ operationId, request: async (_t, authorization) => ({ method: 'GET', path, headers: { Authorization: authorization } }) }),
  ...storeIdTable({ operationId, path, authorized: true }),
]);
