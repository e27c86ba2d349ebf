import type { ScenarioContext } from '../../lib/scenario/context';
import type { Exchange } from '../../lib/http/exchange';
import { parameterBasis, responseBasis } from '../../lib/checks/basis';
import { defineSuite } from '../../lib/scenario/define';
import { profileLogins } from '../../lib/target/profile';
import { authTable, storeIdTable } from '../../lib/scenario/tables';

const operationId = 'get-api-v2-my-subscriptions';
const path = '/api/v2/my/subscriptions';

export default defineSuite(operationId, [
  {
    operationId,
    status: 200,
    title: "a user's subscriptions are that user's only",
    requirement:
      '"All subscriptions of a user": no order is listed to two of the profile\'s users. (customer_id is the shop\'s customer, which need not be the login\'s user.ID: the lists are compared instead.)',
    needs: ['secondUser'],
    async run(t) {
      const seen = new Map<string, string>();
      // Every login of the profile: with a third user, a server listing each user the others' orders is caught too.
      for (const user of profileLogins(t.profile)) {
        const { token } = await t.login(user);
        const exchange = await t.send({ method: 'GET', path, headers: { Authorization: `Bearer ${token}` } });
        if (!t.expectAccepted(exchange, [200])) return;
        const orders: Array<{ id?: unknown }> = t.json(exchange)?.data?.subscriptions ?? [];
        const shared = orders.filter((order) => seen.has(JSON.stringify(order?.id)));
        t.expect('user_isolation', shared.length === 0, `no order of ${[...new Set(seen.values())].join(', ')} listed to ${user.username}`, `orders ${shared.slice(0, 5).map((order) => JSON.stringify(order.id)).join(', ')} listed to both`, exchange);
        for (const order of orders) seen.set(JSON.stringify(order?.id), user.username);
      }
    },
  },
  {
    operationId,
    status: 200,
    title: "a user's subscriptions hold every order the profile names as theirs",
    requirement: '"All subscriptions of a user": without store_id, each order the profile names as the user\'s own (users[].subscriptions) is listed.',
    async run(t: ScenarioContext) {
      const users = t.profile.users.filter((user) => user.subscriptions !== undefined && user.subscriptions.length > 0);
      t.precondition(users.length > 0, "the profile names no user's orders (users[].subscriptions)");
      const gaps: string[] = [];
      let firstGap: Exchange | undefined;
      for (const user of users) {
        const { token } = await t.login(user);
        const exchange = await t.send({ method: 'GET', path, headers: { Authorization: `Bearer ${token}` } });
        if (!t.expectAccepted(exchange, [200])) continue;
        const orders: Array<{ id?: unknown }> = t.json(exchange)?.data?.subscriptions ?? [];
        const missing = user.subscriptions!.filter((id) => !orders.some((order) => order?.id === id));
        if (missing.length === 0) continue;
        gaps.push(`${user.username}: orders ${missing.join(', ')} missing`);
        firstGap ??= exchange;
      }
      t.expect('listing_completeness', gaps.length === 0, "each of the users' orders", gaps.join('; '), firstGap);
    },
  },
  {
    operationId,
    status: 200,
    title: 'a store_id of the profile is accepted',
    requirement: 'store_id is an optional integer query parameter: a store the target has gives 200 with the subscriptions schema.',
    basis: [responseBasis(operationId, 200), parameterBasis(operationId, 'store_id')],
    async run(t) {
      const { token } = await t.login();
      for (const storeId of t.profile.storeIds) {
        const exchange = await t.send({ method: 'GET', path, query: { store_id: String(storeId) }, headers: { Authorization: `Bearer ${token}` } });
        if (!t.expectAccepted(exchange, [200])) return;
      }
    },
  },
  ...authTable({ operationId, request: async (_t, authorization) => ({ method: 'GET', path, headers: { Authorization: authorization } }) }),
  ...storeIdTable({ operationId, path, authorized: true }),
]);
