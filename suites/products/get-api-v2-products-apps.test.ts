import { attributeOptions, listedProducts } from '../../lib/checks/listing';
import { defineSuite } from '../../lib/scenario/define';
import { listingScenarios } from '../../lib/scenario/listing';
import { storeIdTable } from '../../lib/scenario/tables';

const operationId = 'get-api-v2-products-apps';
const path = '/api/v2/products/apps';
const WEB_UI_ORIGIN = 'http://flecs-device.local';

export default defineSuite(operationId, [
  ...listingScenarios({ operationId, path, authorized: false, paged: false }),
  ...storeIdTable({ operationId, path }),
  {
    operationId,
    status: 200,
    title: 'every listed app version has a manifest',
    requirement: 'For each app product, every (reverse-domain-name, version) answers 200 on manifests with a valid session (real-clients 30).',
    strength: 'SHOULD',
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
  {
    operationId,
    status: 200,
    title: 'the app listing answers browsers with CORS headers',
    requirement: 'The web UI lists apps from the browser without Authorization: Access-Control-Allow-Origin for any device origin (real-clients 27, 32).',
    strength: 'SHOULD',
    async run(t) {
      const exchange = await t.send({ method: 'GET', path, headers: { Origin: WEB_UI_ORIGIN } });
      const allowed = exchange.response?.headers['access-control-allow-origin'];
      t.expect('cors', allowed === '*' || allowed === WEB_UI_ORIGIN, `Access-Control-Allow-Origin: * or ${WEB_UI_ORIGIN}`, String(allowed), exchange);
    },
  },
]);
