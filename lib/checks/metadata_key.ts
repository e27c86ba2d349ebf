import { realClient } from './basis';
import { LISTINGS, listedProducts } from './listing';
import { failure, type Check } from './types';

/** Real clients (real-clients.md 29): WooCommerce meta_data items have `key`; the spec says `name`. */
export const metadataKey: Check = {
  name: 'metadata_key',
  title: 'meta_data items carry key',
  requirement: 'Every product meta_data item carries "key" (the web UI reads key; the contract says name).',
  strength: 'SHOULD',
  basis: [realClient(29)],
  appliesTo: (exchange) => LISTINGS.has(exchange.operation?.operationId ?? '') && exchange.response?.status === 200,
  run(exchange) {
    const missing: string[] = [];
    for (const product of listedProducts(exchange)) {
      const items = Array.isArray(product.meta_data) ? (product.meta_data as Array<Record<string, unknown>>) : [];
      items.forEach((item, i) => {
        if (typeof item?.key !== 'string') missing.push(`product ${JSON.stringify(product.id)} meta_data/${i}`);
      });
    }
    if (missing.length === 0) return undefined;
    return failure(this, exchange, 'a string "key" in every meta_data item', `missing in ${missing.slice(0, 5).join(', ')}`);
  },
};
