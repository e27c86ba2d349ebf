import { realClient } from './basis';
import { APP_CATEGORY_ID, APP_LISTINGS, attributeOptions, KNOWN_ARCHS, listedProducts } from './listing';
import { failure, type Check } from './types';

/** Real clients (real-clients.md 28): the web UI installs apps from these attributes. */
export const appProductAttributes: Check = {
  name: 'app_product_attributes',
  title: 'App products carry reverse-domain-name, versions, archs and category 27',
  requirement:
    'Each app product has attributes reverse-domain-name (one option), versions and archs (options from amd64, arm64, armhf), and category id 27 "App".',
  strength: 'SHOULD',
  basis: [realClient(28)],
  appliesTo: (exchange) => APP_LISTINGS.has(exchange.operation?.operationId ?? '') && exchange.response?.status === 200,
  run(exchange) {
    const problems: string[] = [];
    for (const product of listedProducts(exchange)) {
      const label = `product ${JSON.stringify(product.id)}`;
      if (attributeOptions(product, 'reverse-domain-name')?.length !== 1) problems.push(`${label}: reverse-domain-name needs exactly one option`);
      if (!attributeOptions(product, 'versions')?.length) problems.push(`${label}: no versions attribute`);
      const archs = attributeOptions(product, 'archs');
      if (!archs?.length || archs.some((arch) => !KNOWN_ARCHS.includes(arch))) problems.push(`${label}: archs ${JSON.stringify(archs)}`);
      const categories = Array.isArray(product.categories) ? (product.categories as Array<{ id?: unknown }>) : [];
      if (!categories.some((category) => category?.id === APP_CATEGORY_ID)) problems.push(`${label}: no category ${APP_CATEGORY_ID}`);
    }
    if (problems.length === 0) return undefined;
    return failure(this, exchange, 'every app product installable by the web UI', problems.slice(0, 5).join('; '));
  },
};
