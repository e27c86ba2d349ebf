import type { FastifyInstance } from 'fastify';
import { requireUser, storeFromQuery, success, type HandlerContext } from '../context';
import { HttpError } from '../errors';
import { inStore, isApp, serveProduct } from './products';

/** Tag User: what the bearer of a token owns. */
export function registerUser(app: FastifyInstance, context: HandlerContext): void {
  const { state, tokens, faults } = context;

  const owner = async (request: Parameters<typeof requireUser>[1], ignoreAuth: boolean) => {
    if (ignoreAuth && request.headers.authorization !== undefined && (await tokens.verifyHeader(request.headers.authorization)) === undefined) {
      return state.users[0];
    }
    return requireUser(context, request, 401);
  };

  app.get('/api/v2/my/products', { config: { operationId: 'get-api-v2-my-products' } }, async (request, reply) => {
    const user = await owner(request, faults.active('my-products-ignores-auth'));
    const storeId = storeFromQuery(context, request);
    const listed = state.products.filter((product) => user.products.includes(product.id)).filter(storeId === undefined ? () => true : inStore(state, storeId));
    return success(reply, 200, { page: 1, totalPages: 1, products: listed.map((product) => serveProduct(state, product)) });
  });

  app.get('/api/v2/my/products/apps', { config: { operationId: 'get-api-v2-my-products-apps' } }, async (request, reply) => {
    const user = await owner(request, false);
    const storeId = storeFromQuery(context, request);
    const filterStore = storeId !== undefined && !faults.active('my-products-apps-ignores-store-filter');
    const listed = state.products.filter((product) => user.products.includes(product.id) && isApp(product)).filter(filterStore ? inStore(state, storeId) : () => true);
    return success(reply, 200, { page: 1, totalPages: 1, products: listed.map((product) => serveProduct(state, product)) });
  });

  app.get('/api/v2/my/subscriptions', { config: { operationId: 'get-api-v2-my-subscriptions' } }, async (request, reply) => {
    const user = await owner(request, false);
    const storeId = storeFromQuery(context, request);
    if (storeId !== undefined && faults.active('my-subscriptions-store-id-rejected')) throw new HttpError(400, 'Invalid query parameter store_id');
    const storeOf = (productId: number) => state.products.find((product) => product.id === productId)?.store;
    const orders = state.subscriptions
      .filter((order) => faults.active('my-subscriptions-all-users') || order.customer_id === user.id)
      .filter((order) => storeId === undefined || order.line_items.some((item) => storeOf(item.product_id) === storeId));
    return success(reply, 200, { totalSubscriptions: orders.length, subscriptions: orders });
  });
}
