import { defineSuite } from '../../lib/scenario/define';
import { listingScenarios } from '../../lib/scenario/listing';
import { doubleSlashScenario, storeIdTable } from '../../lib/scenario/tables';

const operationId = 'get-api-v2-products';
const path = '/api/v2/products';

export default defineSuite(operationId, [
  ...listingScenarios({ operationId, path, authorized: false, paged: true }),
  ...storeIdTable({ operationId, path }),
  doubleSlashScenario(operationId, async () => ({ method: 'GET', path })),
]);
