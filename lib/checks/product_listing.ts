import type { Exchange } from '../http/exchange';
import { failure, type Check } from './types';

const LISTINGS = new Set(['get-api-v2-products', 'get-api-v2-products-apps', 'get-api-v2-my-products', 'get-api-v2-my-products-apps']);
const APP_LISTINGS = new Set(['get-api-v2-products-apps', 'get-api-v2-my-products-apps']);
export const APP_CATEGORY_ID = 27;
export const KNOWN_ARCHS = ['amd64', 'arm64', 'armhf'];

/** The products of a listing response, or [] when the body is not shaped like one. */
export function listedProducts(exchange: Exchange): Array<Record<string, unknown>> {
  const body = exchange.response?.body;
  if (body?.kind !== 'json') return [];
  const products = (body.value as { data?: { products?: unknown } } | null)?.data?.products;
  return Array.isArray(products) ? products.filter((p): p is Record<string, unknown> => p !== null && typeof p === 'object') : [];
}

export function attributeOptions(product: Record<string, unknown>, name: string): string[] | undefined {
  const attributes = Array.isArray(product.attributes) ? (product.attributes as Array<Record<string, unknown>>) : [];
  const attribute = attributes.find((a) => a?.name === name);
  return Array.isArray(attribute?.options) ? (attribute.options as string[]) : undefined;
}

/** Real clients (real-clients.md 28): the web UI installs apps from these attributes. */
export const appProductAttributes: Check = {
  name: 'app_product_attributes',
  title: 'App products carry reverse-domain-name, versions, archs and category 27',
  requirement:
    'Each app product has attributes reverse-domain-name (one option), versions and archs (options from amd64, arm64, armhf), and category id 27 "App".',
  strength: 'SHOULD',
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

/** Real clients (real-clients.md 29): WooCommerce meta_data items have `key`; the spec says `name`. */
export const metadataKey: Check = {
  name: 'metadata_key',
  title: 'meta_data items carry key',
  requirement: 'Every product meta_data item carries "key" (the web UI reads key; the contract says name).',
  strength: 'SHOULD',
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
