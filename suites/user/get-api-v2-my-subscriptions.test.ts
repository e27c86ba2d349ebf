import { defineSuite } from '../../lib/scenario/define';
import { authTable, storeIdTable } from '../../lib/scenario/tables';

const operationId = 'get-api-v2-my-subscriptions';
const path = '/api/v2/my/subscriptions';

export default defineSuite(operationId, [
  {
    operationId,
    status: 200,
    title: "a user's subscriptions are that user's only",
    requirement: '200 subscriptions {totalSubscriptions, subscriptions}; every order belongs to the bearer (customer_id = user.ID).',
    async run(t) {
      for (const user of t.profile.users.slice(0, 2)) {
        const { token, userId } = await t.login(user);
        const exchange = await t.send({ method: 'GET', path, headers: { Authorization: `Bearer ${token}` } });
        if (!t.expectAccepted(exchange, [200]) || typeof userId !== 'number') continue;
        const orders: Array<{ id?: unknown; customer_id?: unknown }> = t.json(exchange)?.data?.subscriptions ?? [];
        const foreign = orders.filter((order) => order?.customer_id !== userId);
        t.expect('user_isolation', foreign.length === 0, `customer_id ${userId} on every order`, `orders ${foreign.map((order) => `${String(order.id)} (customer ${String(order.customer_id)})`).join(', ')}`, exchange);
      }
    },
  },
  ...authTable({ operationId, request: async (_t, authorization) => ({ method: 'GET', path, headers: { Authorization: authorization } }) }),
  ...storeIdTable({ operationId, path, authorized: true }),
]);
