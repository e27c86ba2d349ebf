import type { FastifyInstance } from 'fastify';
import { storeOrCrash, storeOrDefault } from '../faults/lookups';
import { expectType, header, objectBody, storeFromQuery, success, type HandlerContext } from '../context';
import { HttpError } from '../errors';
import type { ProductRecord } from '../data';
import type { ServerState } from '../state';
import { bearerToken } from '../auth';

export const APP_CATEGORY = 27;
// Stryker disable next-line MethodExpression: every product of the shipped data has one category, so some and every agree; the contract does not define which products are apps
export const isApp = (product: ProductRecord): boolean => product.categories.some((category) => category.id === APP_CATEGORY);

/** A product as the contract lists it: the store expanded to productStore. */
export function serveProduct(state: ServerState, product: ProductRecord): Record<string, unknown> {
  const { default: _default, ...store } = state.store(product.store)!;
  return { ...product, store };
}

export function inStore(state: ServerState, storeId: number | undefined): (product: ProductRecord) => boolean {
  const id = storeId ?? state.defaultStore.id;
  return (product) => product.store === id;
}

/** Tag Products: the public catalogue and reviews. */
export function registerProducts(app: FastifyInstance, context: HandlerContext): void {
  const { state, tokens, faults } = context;

  app.get('/api/v2/products', { config: { operationId: 'get-api-v2-products' } }, async (request, reply) => {
    if (faults.active('products-hangs')) return new Promise(() => undefined);
    const storeId = (faults.active('products-accepts-bad-store-id') ? storeOrDefault : storeFromQuery)(context, request);
    const listed = state.products.filter(faults.active('products-ignores-store-filter') ? () => true : inStore(state, storeId));
    return success(reply, 200, { page: 1, totalPages: 1, products: listed.map((product) => serveProduct(state, product)) });
  });

  app.get('/api/v2/products/apps', { config: { operationId: 'get-api-v2-products-apps' } }, async (request, reply) => {
    const storeId = (faults.active('products-apps-bad-store-id-500') ? storeOrCrash : storeFromQuery)(context, request);
    const listed = state.products.filter(isApp).filter(inStore(state, storeId));
    return success(reply, 200, { totalProducts: listed.length, products: listed.map((product) => serveProduct(state, product)) });
  });

  app.post('/api/v2/products/apps/reviews', { config: { operationId: 'get-api-v2-products-apps-reviews' } }, async (request, reply) => {
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: an absent body then fails the first required field with the same 400, so requiring the body or not is unobservable
    const body = objectBody(request, { optional: false });
    expectType(body.jwt, 'string', 'jwt', false);
    // The token travels in the body (contract) or, from older web UIs, as a bearer header (real-clients 31).
    const user = state.user(await tokens.verify((body.jwt as string | undefined) ?? bearerToken(header(request, 'authorization'))));
    if (!user && !faults.active('reviews-ignores-auth')) throw new HttpError(401, 'Invalid or missing token');
    expectType(body.data, 'object', 'data', true);
    const review = body.data as Record<string, unknown>;
    // Stryker disable next-line BooleanLiteral: a review without product_id then names no app product and is refused with 404, a 4xx as the original's 400 (the contract documents neither)
    expectType(review.product_id, 'integer', 'data.product_id', true);
    expectType(review.review, 'string', 'data.review', true);
    expectType(review.reviewer, 'string', 'data.reviewer', true);
    expectType(review.reviewer_email, 'string', 'data.reviewer_email', true);
    expectType(review.rating, 'number', 'data.rating', true);
    const rating = review.rating as number;
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,StringLiteral: the contract sets no bounds on rating (type number only, #/components/schemas/appResponse); refusing ratings outside 0–5 is this server's own choice
    if (rating < 0 || rating > 5) throw new HttpError(400, 'Invalid payload: data.rating must be between 0 and 5');
    const product = state.products.find((candidate) => candidate.id === review.product_id && isApp(candidate));
    if (!product) throw new HttpError(404, `App product ${String(review.product_id)} not found`);
    const now = new Date();
    return success(reply, 201, {
      review: {
        id: state.nextReviewId(),
        // Stryker disable next-line MethodExpression: date_created is a string without format (#/components/schemas/reviewResponse): with or without milliseconds and zone both conform
        date_created: now.toISOString().slice(0, 19),
        // Stryker disable next-line MethodExpression: date_created_gmt is a string without format (#/components/schemas/reviewResponse)
        date_created_gmt: now.toISOString().slice(0, 19),
        product_id: product.id,
        product_name: product.name,
        product_permalink: product.permalink,
        // Stryker disable next-line StringLiteral: review status is a string without enum (#/components/schemas/reviewResponse)
        status: 'hold',
        reviewer: review.reviewer,
        reviewer_email: review.reviewer_email,
        review: review.review,
        rating,
        // Stryker disable next-line LogicalOperator,OptionalChaining,BooleanLiteral: verified is a boolean the contract gives no meaning (#/components/schemas/reviewResponse); the user is known here (401 otherwise)
        verified: user?.products.includes(product.id) ?? false,
      },
    });
  });
}
