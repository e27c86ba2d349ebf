import { listedProducts } from '../checks/listing';
import type { Exchange } from '../http/exchange';
import type { ScenarioContext } from './context';
import type { ScenarioSpec } from './types';

/** page and totalPages, where the listing is paged (productResponse). */
export function verifyPagination(t: ScenarioContext, exchange: Exchange): void {
  const data = t.json(exchange)?.data;
  if (typeof data?.page !== 'number' || typeof data?.totalPages !== 'number') return; // the schema check's finding
  const ok = data.page >= 1 && data.page <= Math.max(data.totalPages, 1);
  t.expect('pagination', ok, 'page ≥ 1 and page ≤ totalPages', `page ${data.page}, totalPages ${data.totalPages}`, exchange);
}

export function verifyStore(t: ScenarioContext, exchange: Exchange, storeId: number): void {
  const strays = listedProducts(exchange).filter((product) => (product.store as { id?: unknown } | undefined)?.id !== storeId);
  t.expect('store_filter', strays.length === 0, `every product's store.id is ${storeId}`, `products ${strays.map((p) => `${String(p.id)} (store ${JSON.stringify((p.store as { id?: unknown } | undefined)?.id)})`).slice(0, 5).join(', ')}`, exchange);
}

export interface ListingOptions {
  operationId: string;
  path: string;
  authorized: boolean;
  paged: boolean;
}

const authHeaders = async (t: ScenarioContext, authorized: boolean) => (authorized ? { Authorization: `Bearer ${(await t.login()).token}` } : {});

/** The listing as it is, and once per store of the profile: documented 200, store filter honoured. */
export function listingScenarios(options: ListingOptions): ScenarioSpec[] {
  const { operationId, path } = options;
  return [
    {
      operationId,
      status: 200,
      title: 'the listing without store_id',
      requirement: '200 with the documented listing of the default store.',
      async run(t) {
        const exchange = await t.send({ method: 'GET', path, headers: await authHeaders(t, options.authorized) });
        if (t.expectAccepted(exchange, [200]) && options.paged) verifyPagination(t, exchange);
      },
    },
    {
      operationId,
      status: 200,
      title: 'store_id filters the listing to that store',
      requirement: '"All products of the store referenced by store_id": every listed product has store.id = store_id.',
      async run(t: ScenarioContext) {
        t.precondition(t.profile.storeIds.length > 0, 'the profile names no store');
        const headers = await authHeaders(t, options.authorized);
        for (const storeId of t.profile.storeIds) {
          const exchange = await t.send({ method: 'GET', path, query: { store_id: storeId }, headers });
          if (!t.expectAccepted(exchange, [200])) continue;
          verifyStore(t, exchange, storeId);
          if (options.paged) verifyPagination(t, exchange);
        }
      },
    },
  ];
}
