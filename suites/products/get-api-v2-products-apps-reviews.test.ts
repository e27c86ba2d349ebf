import { badToken } from '../../lib/generate/jwt';
import { erratumBasis, realClient, requestBodyBasis } from '../../lib/checks/basis';
import { listedProducts } from '../../lib/checks/listing';
import type { SendOptions } from '../../lib/http/client';
import type { Exchange } from '../../lib/http/exchange';
import type { ScenarioContext } from '../../lib/scenario/context';
import { PreconditionError, SetupError } from '../../lib/scenario/context';
import { defineSuite } from '../../lib/scenario/define';
import { invalidBodyTable, malformedBodyTable, preflightScenario } from '../../lib/scenario/tables';
import type { ScenarioSpec } from '../../lib/scenario/types';

const operationId = 'get-api-v2-products-apps-reviews';
const path = '/api/v2/products/apps/reviews';

/** The products a review may name: the profile's reviewable ones, else the app products the server lists. */
async function reviewableProducts(t: ScenarioContext): Promise<unknown[]> {
  if (t.profile.reviewProductIds?.length) return t.profile.reviewProductIds;
  const listing = await t.send({ method: 'GET', path: '/api/v2/products/apps' });
  const ids = listedProducts(listing).map((product) => product.id);
  if (ids.length === 0) throw new SetupError('products/apps lists no app product to review');
  return ids.slice(0, 5);
}

const reviewOf = (t: ScenarioContext, productId: unknown): Record<string, unknown> => ({
  product_id: productId,
  review: `Conformance review ${t.target.config.runId}`,
  reviewer: 'Conformance Suite',
  reviewer_email: 'conformance@example.test',
  rating: 4,
});

/** reviewRequest.data.required in the contract. */
const REQUIRED_REVIEW_FIELDS = ['product_id', 'review', 'reviewer', 'reviewer_email', 'rating'];
const withoutField = (field: string) => `a review without ${field}`;

/** A review of the first reviewable product (the negative cases need any valid one). */
const review = async (t: ScenarioContext): Promise<Record<string, unknown>> => reviewOf(t, (await reviewableProducts(t))[0]);

/** A refusal that says the user reviewed that product before: a server may allow one review per user and product. */
const alreadyReviewed = (t: ScenarioContext, exchange: Exchange): boolean =>
  exchange.response?.status === 409 || (exchange.response !== undefined && exchange.response.status >= 400 && exchange.response.status < 500 && /already|duplicate|exists/i.test(String(t.json(exchange)?.reason ?? '')));

/**
 * Posts a review of each reviewable product in turn until one is not "already reviewed": a nightly run
 * reviews again what it reviewed the night before. All of them already reviewed is a PRECONDITION.
 */
async function postReview(t: ScenarioContext, request: (data: Record<string, unknown>) => SendOptions): Promise<{ exchange: Exchange; data: Record<string, unknown> }> {
  for (const productId of await reviewableProducts(t)) {
    const data = reviewOf(t, productId);
    const exchange = await t.send(request(data));
    if (!alreadyReviewed(t, exchange)) return { exchange, data };
  }
  throw new PreconditionError('this user has reviewed every reviewable product already (reviewProductIds in the profile names others)');
}

const tokenCase = (name: string, jwt: (issued: string) => Promise<string | undefined>): ScenarioSpec => ({
  operationId,
  status: 'undocumented',
  title: `a review with ${name} is refused`,
  requirement: 'A review needs the jwt of a logged-in user: a 4xx, never 2xx.',
  basis: [requestBodyBasis(operationId), erratumBasis('undocumented-4xx')],
  needs: ['writes'],
  async run(t) {
    const { token } = await t.login();
    const exchange = await t.send({ method: 'POST', path, json: { data: await review(t), jwt: await jwt(token) } });
    t.expectRejected(exchange, 'ignored_auth');
  },
});

export default defineSuite(operationId, [
  {
    operationId,
    status: 201,
    title: 'a logged-in user reviews an app',
    requirement: '201 {statusCode, data: reviewResponse}, the review naming the reviewed product.',
    needs: ['writes'],
    async run(t) {
      const { token } = await t.login();
      const { exchange, data } = await postReview(t, (data) => ({ method: 'POST', path, json: { data, jwt: token } }));
      if (t.expectAccepted(exchange, [201])) {
        const productId = t.json(exchange)?.data?.review?.product_id;
        t.expect('positive_data_acceptance', productId === data.product_id, `data.review.product_id ${String(data.product_id)}`, JSON.stringify(productId), exchange);
      }
    },
  },
  {
    operationId,
    status: 201,
    title: 'a review with the token as a bearer header is accepted',
    requirement: 'Older web UIs send Authorization: Bearer <jwt> and no jwt field (real-clients 31).',
    strength: 'SHOULD',
    basis: [realClient(31)],
    needs: ['writes'],
    async run(t) {
      const { token } = await t.login();
      const { exchange } = await postReview(t, (data) => ({ method: 'POST', path, headers: { Authorization: `Bearer ${token}` }, json: { data } }));
      t.expectAccepted(exchange);
    },
  },
  preflightScenario(operationId, path, ['content-type', 'authorization']),
  tokenCase('no token at all', async () => undefined),
  tokenCase('a forged jwt', (issued) => badToken('forged', issued)),
  tokenCase('an expired jwt', (issued) => badToken('expired', issued)),
  tokenCase('an unsigned jwt (alg none)', (issued) => badToken('alg-none', issued)),
  ...malformedBodyTable({ operationId, method: 'POST', path, needs: ['writes'] }),
  ...invalidBodyTable({
    operationId,
    method: 'POST',
    path,
    needs: ['writes'],
    names: [
      'a review without data',
      ...REQUIRED_REVIEW_FIELDS.map(withoutField),
      'a rating that is not a number',
      'a product_id that is not an integer',
      'a reviewer that is not a string',
      'a reviewer_email that is not a string',
      'a jwt that is not a string',
      'a review of a product that does not exist',
    ],
    cases: async (t) => {
      const { token } = await t.login();
      const data = await review(t);
      return [
        { name: 'a review without data', body: { jwt: token } },
        // reviewRequest: data requires every one of them.
        ...REQUIRED_REVIEW_FIELDS.map((field) => ({ name: withoutField(field), body: { data: Object.fromEntries(Object.entries(data).filter(([key]) => key !== field)), jwt: token } })),
        { name: 'a reviewer that is not a string', body: { data: { ...data, reviewer: 7 }, jwt: token } },
        { name: 'a reviewer_email that is not a string', body: { data: { ...data, reviewer_email: true }, jwt: token } },
        { name: 'a jwt that is not a string', body: { data, jwt: { token } } },
        { name: 'a rating that is not a number', body: { data: { ...data, rating: 'five' }, jwt: token } },
        { name: 'a product_id that is not an integer', body: { data: { ...data, product_id: 'app' }, jwt: token } },
        { name: 'a review of a product that does not exist', body: { data: { ...data, product_id: 2 ** 31 - 1 }, jwt: token } },
      ];
    },
  }),
]);
