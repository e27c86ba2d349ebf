import type { Exchange } from '../http/exchange';

/** Operations whose 200 lists products. */
export const LISTINGS = new Set(['get-api-v2-products', 'get-api-v2-products-apps', 'get-api-v2-my-products', 'get-api-v2-my-products-apps']);
export const APP_LISTINGS = new Set(['get-api-v2-products-apps', 'get-api-v2-my-products-apps']);
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

