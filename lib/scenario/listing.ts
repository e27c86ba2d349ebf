import { parameterBasis, responseBasis } from '../checks/basis';
import { listedProducts } from '../checks/listing';
import type { Exchange } from '../http/exchange';
import type { ScenarioContext } from './context';
import type { ScenarioSpec } from './types';

/** page and totalPages, where the listing is paged (productResponse). */
export function verifyPagination(t: ScenarioContext, exchange: Exchange): void {
  const data = t.json(exchange)?.data;
  if (typeof data?.page !== 'number' || typeof data?.totalPages !== 'number') return; // the schema check's finding
  // The contract sets no minimum: 1-based and 0-based pages are both conformant.
  const ok = data.page >= 0 && data.totalPages >= 0 && data.page <= Math.max(data.totalPages, 1);
  t.expect('pagination', ok, 'page ≥ 0, totalPages ≥ 0 and page ≤ totalPages', `page ${data.page}, totalPages ${data.totalPages}`, exchange);
}

const storeIdOf = (product: Record<string, unknown>): unknown => (product.store as { id?: unknown } | undefined)?.id;
const describeStores = (products: Array<Record<string, unknown>>): string =>
  products.slice(0, 5).map((p) => `${String(p.id)} (store ${JSON.stringify(storeIdOf(p))})`).join(', ') + (products.length > 5 ? `, and ${products.length - 5} more` : '');

export function verifyStore(t: ScenarioContext, exchange: Exchange, storeId: number): void {
  const strays = listedProducts(exchange).filter((product) => storeIdOf(product) !== storeId);
  t.expect('store_filter', strays.length === 0, `every product's store.id is ${storeId}`, `products ${describeStores(strays)}`, exchange);
}

/** Without store_id: "… of the store referenced by store_id or default store", so one store, whichever is the default. */
export function verifyOneStore(t: ScenarioContext, exchange: Exchange): void {
  const products = listedProducts(exchange);
  const stores = new Set(products.map(storeIdOf));
  t.expect('store_filter', stores.size <= 1, 'every product of one store (the default store)', `products of ${stores.size} stores: ${describeStores(products)}`, exchange);
}

/** my/*: "All products of a user": none the profile does not name as that user's own. */
export function verifyOwnProducts(t: ScenarioContext, exchange: Exchange, owned: number[], username: string): void {
  const foreign = listedProducts(exchange).filter((product) => !owned.includes(product.id as number));
  t.expect('user_isolation', foreign.length === 0, `only products of ${username} (${owned.join(', ')})`, `products ${foreign.slice(0, 5).map((p) => String(p.id)).join(', ')}`, exchange);
}

export interface ListingOptions {
  operationId: string;
  path: string;
  authorized: boolean;
  paged: boolean;
  /** my/*: the public listing of the same kind (products or apps), which says what each store lists. */
  catalogue?: { operationId: string; path: string };
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
      requirement: options.authorized ? '200 with the documented listing: "All products of a user".' : '200 with the documented listing of one store: "… of the store referenced by store_id or default store".',
      async run(t) {
        const exchange = await t.send({ method: 'GET', path, headers: await authHeaders(t, options.authorized) });
        if (!t.expectAccepted(exchange, [200])) return;
        if (options.paged) verifyPagination(t, exchange);
        if (!options.authorized) verifyOneStore(t, exchange);
      },
    },
    {
      operationId,
      status: 200,
      title: 'store_id filters the listing to that store',
      requirement: '"All products of the store referenced by store_id": every listed product has store.id = store_id.',
      basis: [responseBasis(operationId, 200), parameterBasis(operationId, 'store_id')],
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
    ...(options.authorized ? [ownProductsScenario(options)] : []),
    ...(options.catalogue ? [ownProductsListedScenario(options, options.catalogue)] : []),
  ];
}

/** Isolation: each profile user that names its products sees none but those. */
function ownProductsScenario({ operationId, path }: ListingOptions): ScenarioSpec {
  return {
    operationId,
    status: 200,
    title: "a user's listing holds that user's products only",
    requirement: '"All … products of a user": no product the user does not own, for each user whose products the profile names.',
    async run(t: ScenarioContext) {
      const users = t.profile.users.filter((user) => user.products !== undefined);
      t.precondition(users.length > 0, 'the profile names no user\'s products (users[].products)');
      for (const user of users) {
        const { token } = await t.login(user);
        const exchange = await t.send({ method: 'GET', path, headers: { Authorization: `Bearer ${token}` } });
        if (t.expectAccepted(exchange, [200])) verifyOwnProducts(t, exchange, user.products!, user.username);
      }
    },
  };
}

/**
 * Completeness: "All … products of a user" leaves none of theirs out. Which of a user's products a store has is
 * read from the public catalogue of that store, so the check holds whether a server lists a user's products of
 * every store or of the default store only when store_id is absent.
 */
function ownProductsListedScenario({ operationId, path }: ListingOptions, catalogue: { operationId: string; path: string }): ScenarioSpec {
  return {
    operationId,
    status: 200,
    title: "a user's listing holds each of that user's products the store lists",
    requirement:
      '"All … products of a user": a product the profile names as the user\'s own and the store lists (without store_id, and with each store_id of the profile) is in the user\'s listing of that store.',
    basis: [responseBasis(operationId, 200), responseBasis(catalogue.operationId, 200), parameterBasis(operationId, 'store_id')],
    async run(t: ScenarioContext) {
      const users = t.profile.users.filter((user) => user.products !== undefined && user.products.length > 0);
      t.precondition(users.length > 0, "the profile names no user's products (users[].products)");
      const tokens: string[] = [];
      for (const user of users) tokens.push((await t.login(user)).token);
      // One finding for the run of listings: each user's gaps in each store, shown with the first such listing.
      const gaps: string[] = [];
      let firstGap: Exchange | undefined;
      for (const storeId of [undefined, ...t.profile.storeIds]) {
        const query = storeId === undefined ? undefined : { store_id: storeId };
        const inStore = await t.send({ method: 'GET', path: catalogue.path, query });
        if (!t.expectAccepted(inStore, [200])) return;
        const storeListed = new Set(listedProducts(inStore).map((product) => product.id));
        for (const [index, user] of users.entries()) {
          const exchange = await t.send({ method: 'GET', path, query, headers: { Authorization: `Bearer ${tokens[index]}` } });
          if (!t.expectAccepted(exchange, [200])) continue;
          // One page of several: the rest may be on pages the contract gives no way to ask for.
          if (Number(t.json(exchange)?.data?.totalPages) > 1) continue;
          const listed = new Set(listedProducts(exchange).map((product) => product.id));
          const missing = user.products!.filter((id) => storeListed.has(id) && !listed.has(id));
          if (missing.length === 0) continue;
          gaps.push(`${user.username} ${storeId === undefined ? 'without store_id' : `with store_id=${storeId}`}: products ${missing.join(', ')} missing`);
          firstGap ??= exchange;
        }
      }
      t.expect('listing_completeness', gaps.length === 0, "each user's products that the store lists", gaps.join('; '), firstGap);
    },
  };
}
