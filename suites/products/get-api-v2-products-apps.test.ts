import { attributeOptions, listedProducts } from '../../lib/checks/listing';
import { defineSuite } from '../../lib/scenario/define';
import { listingScenarios } from '../../lib/scenario/listing';
import { realClient } from '../../lib/checks/basis';
import { corsScenario, storeIdTable } from '../../lib/scenario/tables';

const operationId = 'get-api-v2-products-apps';
const path = '/api/v2/products/apps';

export default defineSuite(operationId, [
  ...listingScenarios({ operationId, path, authorized: false, paged: false }),
  ...storeIdTable({ operationId, path }),
  {
    operationId,
    status: 200,
    title: 'every listed app version has a manifest',
    requirement: 'For each app product, every (reverse-domain-name, version) answers 200 on manifests with a valid session (real-clients 30).',
    strength: 'SHOULD',
    basis: [realClient(30)],
    needs: ['licenseKey'],
    async run(t) {
      const listing = await t.send({ method: 'GET', path });
      if (!t.expectAccepted(listing, [200])) return;
      const session = await t.session();
      for (const product of listedProducts(listing)) {
        const app = attributeOptions(product, 'reverse-domain-name')?.[0];
        if (app === undefined) continue; // app_product_attributes reports it
        for (const version of attributeOptions(product, 'versions') ?? []) {
          const exchange = await t.manifest(session.id, { app, version });
          t.expect('catalogue_consistency', exchange.response?.status === 200, `a manifest for ${app} ${version}`, String(exchange.response?.status ?? exchange.error?.kind), exchange);
        }
      }
    },
  },
  corsScenario(operationId, 200, async () => ({ method: 'GET', path }), 'the app listing answers browsers with CORS headers'),
]);
