import { parseSync, traverse, type NodePath } from '@babel/core';

// The Stryker ignorer of `npm run mutation` (mutation/ignorers.cjs), on the shapes the reference server has.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { shouldIgnore, strykerPlugins } = require('../../mutation/ignorers.cjs') as {
  shouldIgnore: (path: NodePath) => string | undefined;
  strykerPlugins: Array<{ kind: string; name: string; value: { shouldIgnore: unknown } }>;
};

/** The source text of every node Stryker would ignore with all below it (outermost only, as its bookkeeper does). */
function ignored(code: string): string[] {
  const ast = parseSync(code, { filename: 'handler.ts', parserOpts: { plugins: ['typescript'] }, configFile: false, babelrc: false })!;
  const found: string[] = [];
  let inside: unknown;
  traverse(ast, {
    enter(path) {
      if (inside === undefined && shouldIgnore(path)) {
        inside = path.node;
        found.push(code.slice(path.node.start!, path.node.end!));
      }
    },
    exit(path) {
      if (path.node === inside) inside = undefined;
    },
  });
  return found;
}

test('it is declared as the Ignore plugin the configuration names', () => {
  expect(strykerPlugins.map(({ kind, name }) => ({ kind, name }))).toEqual([{ kind: 'Ignore', name: 'fault-switches' }]);
});

test('a fault switch and what it alone decides are ignored; what still runs with every fault off is not', () => {
  expect(ignored("if (faults.active('null-body') && request.body === null) throw new HttpError(400, 'Invalid payload');")).toEqual([
    "faults.active('null-body') && request.body === null",
    "throw new HttpError(400, 'Invalid payload');",
  ]);
  expect(ignored("if (!faults.active('ignores-auth')) await requireUser(context, request, 401);")).toEqual(["!faults.active('ignores-auth')"]);
  expect(ignored("const listed = products.filter(faults.active('no-filter') ? () => true : inStore(state, storeId));")).toEqual([
    "faults.active('no-filter')",
    '() => true',
  ]);
  expect(ignored("orders.filter((order) => faults.active('all-users') || order.customer_id === user.id);")).toEqual(["faults.active('all-users')"]);
});

test('an expression false whenever no fault is on is ignored whole, unless another operand has effects', () => {
  expect(ignored("const overdraws = () => faults.active('a') || (faults.active('b') && user.left > 0 && seen.add(user.id) !== undefined);")).toEqual([
    "() => faults.active('a') || (faults.active('b') && user.left > 0 && seen.add(user.id) !== undefined)",
  ]);
  expect(ignored("if (storeId !== undefined && faults.active('rejects')) throw new HttpError(400, 'x');")).toEqual([
    "storeId !== undefined && faults.active('rejects')",
    "throw new HttpError(400, 'x');",
  ]);
  expect(ignored("if (take() && faults.active('rejects')) fail();")).toEqual(["faults.active('rejects')"]);
  expect(ignored("const both = faults.active('a') || ready;")).toEqual(["faults.active('a')"]);
});

test('options made of fault switches only are ignored, other options are not', () => {
  expect(ignored("storeFromQuery(context, request, { lenient: faults.active('lenient') });")).toEqual(["{ lenient: faults.active('lenient') }"]);
  expect(ignored("takeUserLicence(user.id, { unlimited: true, crash: faults.active('crash') });")).toEqual(["faults.active('crash')"]);
});

test("a route's options that carry only its config are ignored; any other route option or call is not", () => {
  expect(ignored("app.post('/api/v2/tokens', { config: { operationId: 'post-api-v2-tokens' } }, async (request, reply) => reply);")).toEqual([
    "{ config: { operationId: 'post-api-v2-tokens' } }",
  ]);
  expect(ignored("app.post('/api/v2/tokens', { config: { operationId: 'x' }, bodyLimit: 10 }, handler);")).toEqual([]);
  expect(ignored("other.post('/api/v2/tokens', { config: { operationId: 'x' } }, handler);")).toEqual([]);
});

test("a field's name that only words an error's reason is ignored, the type it checks is not", () => {
  expect(ignored("expectType(body.model, 'string', 'model', true); rejectUnknown(jwt, ['token'], 'jwt');")).toEqual(["'model'", "'jwt'"]);
  expect(ignored("check(body.model, 'string', 'model', true);")).toEqual([]);
});

test("what a reason template interpolates is ignored when the template has words of its own; the template itself is not", () => {
  expect(ignored("throw new HttpError(400, `Invalid payload: '${field}' must be ${type === 'integer' ? 'an' : 'a'} ${type}`);")).toEqual(["type === 'integer' ? 'an' : 'a'"]);
  expect(ignored('void reply.code(404).send(errorBody(404, `No such endpoint: ${request.url.split(\'?\')[0]}`));')).toEqual(["request.url.split('?')[0]"]);
  expect(ignored('throw new HttpError(400, `${reason}`);')).toEqual([]);
  expect(ignored("throw new HttpError(400, 'Invalid payload');")).toEqual([]);
  expect(ignored('log(`Invalid ${a ? "x" : "y"}`);')).toEqual([]);
});
