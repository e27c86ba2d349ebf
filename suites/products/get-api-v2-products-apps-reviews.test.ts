import { badToken } from '../../lib/generate/jwt';
import { listedProducts } from '../../lib/checks/listing';
import type { ScenarioContext } from '../../lib/scenario/context';
import { SetupError } from '../../lib/scenario/context';
import { defineSuite } from '../../lib/scenario/define';
import { invalidBodyTable, malformedBodyTable } from '../../lib/scenario/tables';
import type { ScenarioSpec } from '../../lib/scenario/types';

const operationId = 'get-api-v2-products-apps-reviews';
const path = '/api/v2/products/apps/reviews';

/** A review of the first app product the server lists (its ids are the server's own). */
async function review(t: ScenarioContext): Promise<Record<string, unknown>> {
  const listing = await t.send({ method: 'GET', path: '/api/v2/products/apps' });
  const product = listedProducts(listing)[0];
  if (!product) throw new SetupError('products/apps lists no app product to review');
  return { product_id: product.id, review: `Conformance review ${t.target.config.runId}`, reviewer: 'Conformance Suite', reviewer_email: 'conformance@example.test', rating: 4 };
}

const tokenCase = (name: string, jwt: (issued: string) => Promise<string | undefined>): ScenarioSpec => ({
  operationId,
  status: 'undocumented',
  title: `a review with ${name} is refused`,
  requirement: 'A review needs the jwt of a logged-in user: a 4xx, never 2xx.',
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
      const data = await review(t);
      const exchange = await t.send({ method: 'POST', path, json: { data, jwt: token } });
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
    needs: ['writes'],
    async run(t) {
      const { token } = await t.login();
      const exchange = await t.send({ method: 'POST', path, headers: { Authorization: `Bearer ${token}` }, json: { data: await review(t) } });
      t.expectAccepted(exchange);
    },
  },
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
    names: ['a review without data', 'a review without product_id', 'a rating that is not a number', 'a product_id that is not an integer', 'a review of a product that does not exist'],
    cases: async (t) => {
      const { token } = await t.login();
      const data = await review(t);
      const { product_id: _productId, ...withoutProduct } = data;
      return [
        { name: 'a review without data', body: { jwt: token } },
        { name: 'a review without product_id', body: { data: withoutProduct, jwt: token } },
        { name: 'a rating that is not a number', body: { data: { ...data, rating: 'five' }, jwt: token } },
        { name: 'a product_id that is not an integer', body: { data: { ...data, product_id: 'app' }, jwt: token } },
        { name: 'a review of a product that does not exist', body: { data: { ...data, product_id: 2 ** 31 - 1 }, jwt: token } },
      ];
    },
  }),
]);
