import type { FastifyInstance } from 'fastify';
import { requireUser, storeFromQuery, success, type HandlerContext } from '../context';
import { HttpError } from '../errors';
import { inStore, isApp, serveProduct } from './products';

/** Tag User: what the bearer of a token owns. */
export function registerUser(app: FastifyInstance, context: HandlerContext): void {
  const { state, tokens, faults } = context;

  app.get('/api/v2/my/products', { config: { operationId: 'get-api-v2-my-products' } }, async (request, reply) => {
    // The fault answers a token that does not verify (not a missing one) with the first user's products.
    const user =
      faults.active('my-products-ignores-auth') && request.headers.authorization !== undefined && (await tokens.verifyHeader(request.headers.authorization)) === undefined
        ? state.users[0]!
        : await requireUser(context, request, 401);
    const storeId = storeFromQuery(context, request);
    // Stryker disable next-line ConditionalExpression: without store_id, a user's products of the default store only is a reading of "All products of a user" the completeness check accepts; the true variant ignores store_id and store_filter catches it, but it goes with this line
    const listed = state.products.filter((product) => user.products.includes(product.id)).filter(storeId === undefined ? () => true : inStore(state, storeId));
    return success(reply, 200, { page: 1, totalPages: 1, products: listed.map((product) => serveProduct(state, product)) });
  });

  app.get('/api/v2/my/products/apps', { config: { operationId: 'get-api-v2-my-products-apps' } }, async (request, reply) => {
    const user = await requireUser(context, request, 401);
    const storeId = storeFromQuery(context, request);
    // Stryker disable next-line ConditionalExpression,LogicalOperator: filtering to the default store without store_id is a reading the contract allows
    const filterStore = storeId !== undefined && !faults.active('my-products-apps-ignores-store-filter');
    // Stryker disable next-line ConditionalExpression: filtering to the default store without store_id is a reading the contract allows; the false variant ignores store_id and store_filter catches it, but it goes with this line
    const listed = state.products.filter((product) => user.products.includes(product.id) && isApp(product)).filter(filterStore ? inStore(state, storeId) : () => true);
    return success(reply, 200, { page: 1, totalPages: 1, products: listed.map((product) => serveProduct(state, product)) });
  });

  app.get('/api/v2/my/subscriptions', { config: { operationId: 'get-api-v2-my-subscriptions' } }, async (request, reply) => {
    const user = await requireUser(context, request, 401);
    const storeId = storeFromQuery(context, request);
    if (storeId !== undefined && faults.active('my-subscriptions-store-id-rejected')) throw new HttpError(400, 'Invalid query parameter store_id');
    const mine = state.subscriptions.filter((order) => faults.active('my-subscriptions-all-users') || order.customer_id === user.id);
    // What store_id selects on subscriptions the contract does not say (spec-notes: "even on subscriptions"): here, the orders with an item of that store.
    // Stryker disable next-line ConditionalExpression,OptionalChaining,ArrowFunction,EqualityOperator,MethodExpression: the contract leaves what store_id selects on subscriptions open, so any of these selections is correct
    const ofStore = (order: (typeof mine)[number]) => order.line_items.some((item) => state.products.find((product) => product.id === item.product_id)?.store === storeId);
    // Stryker disable next-line ConditionalExpression,MethodExpression: ignoring store_id on subscriptions (mine unfiltered) is a correct reading of a contract that does not say what it selects; the false variant (no order without store_id) goes with it, and listing_completeness would catch that one
    const orders = storeId === undefined ? mine : mine.filter(ofStore);
    return success(reply, 200, { totalSubscriptions: orders.length, subscriptions: orders });
  });
}
