import { bearerUser, type Call, header, integerQuery, isObject, objectBody, success } from '../call';
import { bearerToken, unauthorized } from '../credentials';
import type { ConsoleState, ProductRecord, UserRecord } from '../state';
import { HttpError, type Reply } from '../wire';

const APP_CATEGORY = 27;
const MAX_PAGE_SIZE = 100;

const isApp = (product: ProductRecord): boolean => product.categories.some((category) => category.id === APP_CATEGORY);

/** The listed form: the store embedded as productStore. */
function listed(state: ConsoleState, product: ProductRecord): Record<string, unknown> {
  const store = state.store(product.store);
  const productStore = store && { id: store.id, name: store.name, shop_name: store.shop_name, url: store.url, address: { ...store.address } };
  return { ...structuredClone(product), store: productStore };
}

/** productResponse, paged from 0 (`page` has no minimum in the contract); `per_page` as WooCommerce names it. */
function paged(call: Call, products: ProductRecord[]): Record<string, unknown> {
  const page = integerQuery(call, 'page', 0) ?? 0;
  const perPage = integerQuery(call, 'per_page', 1) ?? call.state.seed.pageSize;
  if (perPage > MAX_PAGE_SIZE) throw new HttpError(400, `Invalid query parameter per_page (at most ${MAX_PAGE_SIZE})`);
  const slice = products.slice(page * perPage, (page + 1) * perPage);
  return { page, totalPages: Math.ceil(products.length / perPage), totalProducts: products.length, products: slice.map((product) => listed(call.state, product)) };
}

/** "the store referenced by store_id or default store": without store_id, the default store's products. */
function catalogue(call: Call): ProductRecord[] {
  const storeId = integerQuery(call, 'store_id') ?? call.state.defaultStore.id;
  return call.state.seed.products.filter((product) => product.store === storeId);
}

/** A user's own products; store_id narrows them, no store_id means all of them. */
function owned(call: Call, user: UserRecord): ProductRecord[] {
  const storeId = integerQuery(call, 'store_id');
  return user.products.flatMap((id) => call.state.product(id) ?? []).filter((product) => storeId === undefined || product.store === storeId);
}

export async function products(call: Call): Promise<Reply> {
  return { status: 200, body: success(call, 200, paged(call, catalogue(call))) };
}

/** appResponse is not paged: every app of the store. */
export async function apps(call: Call): Promise<Reply> {
  const list = catalogue(call).filter(isApp);
  return { status: 200, body: success(call, 200, { totalProducts: list.length, products: list.map((product) => listed(call.state, product)) }) };
}

export async function myProducts(call: Call): Promise<Reply> {
  const user = await bearerUser(call);
  return { status: 200, body: success(call, 200, paged(call, owned(call, user))) };
}

export async function myApps(call: Call): Promise<Reply> {
  const user = await bearerUser(call);
  return { status: 200, body: success(call, 200, paged(call, owned(call, user).filter(isApp))) };
}

export async function mySubscriptions(call: Call): Promise<Reply> {
  const user = await bearerUser(call);
  const storeId = integerQuery(call, 'store_id');
  const orders = call.state.seed.subscriptions
    .filter((order) => order.customer === user.user_login && (storeId === undefined || order.store_id === storeId))
    .map(({ customer: _customer, ...order }) => ({ ...structuredClone(order), customer_id: user.customerId, currency: 'EUR' }));
  return { status: 200, body: success(call, 200, { totalSubscriptions: orders.length, subscriptions: orders }) };
}

interface ReviewData {
  product_id: number;
  review: string;
  reviewer: string;
  reviewer_email: string;
  rating: number;
}

function reviewDataOf(body: Record<string, unknown>): ReviewData {
  const data = body.data;
  if (!isObject(data)) throw new HttpError(400, "Invalid payload: missing required field 'data'");
  if (typeof data.product_id !== 'number' || !Number.isInteger(data.product_id)) throw new HttpError(400, "Invalid payload: 'data.product_id' must be an integer");
  for (const field of ['review', 'reviewer', 'reviewer_email'] as const) {
    if (typeof data[field] !== 'string') throw new HttpError(400, `Invalid payload: 'data.${field}' must be a string`);
  }
  if (typeof data.rating !== 'number' || !Number.isFinite(data.rating)) throw new HttpError(400, "Invalid payload: 'data.rating' must be a number");
  const review = data as unknown as ReviewData;
  if (review.rating < 1 || review.rating > 5) throw new HttpError(422, 'rating must be between 1 and 5');
  if (review.review.trim() === '') throw new HttpError(422, 'review must not be empty');
  return review;
}

/** The reviewer: the body's jwt, or (as the web UI sends it) Authorization: Bearer. */
async function reviewer(call: Call, body: Record<string, unknown>): Promise<UserRecord> {
  if (body.jwt !== undefined && typeof body.jwt !== 'string') throw new HttpError(400, 'jwt must be a string');
  const token = typeof body.jwt === 'string' && body.jwt !== '' ? body.jwt : bearerToken(header(call, 'Authorization'));
  if (token === undefined) throw unauthorized(false);
  const userId = await call.tokens.userIdOf(token);
  const user = userId === undefined ? undefined : call.state.userById(userId);
  if (!user) throw unauthorized(true);
  return user;
}

/** POST /api/v2/products/apps/reviews: one review per user and product. */
export async function review(call: Call): Promise<Reply> {
  const body = objectBody(call, 'data and jwt');
  const user = await reviewer(call, body);
  const data = reviewDataOf(body);
  const product = call.state.product(data.product_id);
  if (!product) throw new HttpError(404, 'No such product');
  const stored = call.state.addReview(user.ID, product, data.rating);
  if (!stored) throw new HttpError(409, 'You have already reviewed this product');
  const now = new Date();
  const review = {
    id: stored.id,
    date_created: now.toISOString().slice(0, 19),
    date_created_gmt: now.toISOString().slice(0, 19),
    product_id: product.id,
    product_name: product.name,
    product_permalink: product.permalink,
    status: 'approved',
    reviewer: data.reviewer,
    reviewer_email: data.reviewer_email,
    review: data.review,
    rating: data.rating,
    verified: user.products.includes(product.id),
  };
  return { status: 201, body: success(call, 201, { review }) };
}
