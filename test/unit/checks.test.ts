import { EXCHANGE_CHECKS, type Check } from '../../lib/checks';
import type { Exchange } from '../../lib/http/exchange';
import { loadContract, type CompiledContract } from '../../lib/spec/compiled';
import { crafted } from '../support/exchanges';

let contract: CompiledContract;
beforeAll(async () => {
  contract = await loadContract(false);
});

const SESSION = { id: '0b8f7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e', timestamp: 1704378025 };
const error = (status: number, statusText: string) => ({ reason: 'Session not found', statusCode: status, statusText });
const login = (jwt: Record<string, unknown>, user: Record<string, unknown> = { ID: 6 }, feature_flags?: Record<string, unknown>) => ({ statusCode: 200, data: { jwt, user, feature_flags } });
const withSessionSent = (exchange: Exchange): Exchange => ({ ...exchange, request: { ...exchange.request, headers: { 'X-Session-Id': SESSION.id } } });
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
const store = { id: 1, name: 's', shop_name: 's', url: 'u', address: { street_1: '', street_2: '', city: '', zip: '', country: '', state: '' } };
const appProduct = (overrides: Record<string, unknown> = {}) => ({
  id: 1, name: 'App', status: 'publish', description: '', short_description: '', average_rating: '0', rating_count: 0,
  categories: [{ id: 27, name: 'App', slug: 'app' }],
  attributes: [{ id: 1, name: 'reverse-domain-name', options: ['tech.flecs.app'] }, { id: 2, name: 'versions', options: ['1.0.0'] }, { id: 3, name: 'archs', options: ['amd64'] }],
  meta_data: [{ key: 'k', name: 'k', value: {} }], stock_status: 'instock', store, permalink: 'p', price: '0', purchasable: true, ...overrides,
});
const apps = (product: Record<string, unknown>) => ({ statusCode: 200, data: { totalProducts: 1, products: [product] } });

/** check → [an exchange it passes, an exchange it fails], the failing one a realistic violation. */
const CASES: Record<string, [Exchange, Exchange]> = {
  complete_response: [
    crafted({ operationId: 'get-api-v2-products', status: 200, body: { statusCode: 200, data: { page: 1, totalPages: 1, products: [] } } }),
    { ...crafted({ operationId: 'get-api-v2-products', status: 200 }), response: undefined, error: { kind: 'timeout', message: 'no complete response within 10000 ms' } },
  ],
  not_a_server_error: [
    crafted({ operationId: 'post-api-v2-tokens', status: 403, body: error(403, 'Forbidden') }),
    crafted({ operationId: 'post-api-v2-tokens', status: 500, body: error(500, 'Internal Server Error') }),
  ],
  status_code_conformance: [
    crafted({ operationId: 'get-api-v2-my-products', status: 401, body: error(401, 'Unauthorized') }),
    crafted({ operationId: 'post-api-v2-auth-login', status: 201, body: login({ token: 't', token_expires: inAnHour() }) }),
  ],
  content_type_conformance: [
    crafted({ operationId: 'post-api-v2-tokens', status: 403, body: error(403, 'Forbidden'), headers: { 'content-type': 'application/json' } }),
    crafted({ operationId: 'post-api-v2-tokens', status: 403, body: error(403, 'Forbidden'), headers: { 'content-type': 'text/html' } }),
  ],
  response_headers_conformance: [
    crafted({ operationId: 'post-api-v2-device-license-activate', status: 204, headers: { 'x-session-id': JSON.stringify(SESSION) } }),
    crafted({ operationId: 'post-api-v2-device-license-activate', status: 204, headers: { 'x-session-id': SESSION.id } }),
  ],
  response_schema_conformance: [
    crafted({ operationId: 'post-api-v2-device-license-validate', status: 200, body: { statusCode: 200, data: { isValid: false } } }),
    crafted({ operationId: 'post-api-v2-device-license-validate', status: 200, body: { statusCode: 200, data: { isValid: 'false' } } }),
  ],
  error_body_consistency: [
    crafted({ operationId: 'get-api-v2-manifests-app-version', status: 404, body: { statusCode: 404, statusText: 'Not found' }, headers: { 'x-session-id': JSON.stringify(SESSION) } }),
    crafted({ operationId: 'get-api-v2-manifests-app-version', status: 403, body: { statusCode: 200, statusText: 'OK', reason: 'Session not found' } }),
  ],
  error_body_consistency_rfc9110_phrases: [
    crafted({ operationId: 'post-api-v2-device-license', status: 413, body: { statusCode: 413, statusText: 'content too large', reason: 'r' } }),
    crafted({ operationId: 'post-api-v2-device-license', status: 422, body: { statusCode: 422, statusText: 'Unprocessable', reason: 'r' } }),
  ],
  pattern_conformance: [
    crafted({ operationId: 'post-api-v2-device-license-activate', status: 200, body: { data: { sessionId: SESSION, licenseKey: 'k' } } }),
    crafted({ operationId: 'post-api-v2-device-license-activate', status: 200, body: { data: { sessionId: { ...SESSION, id: SESSION.id.toUpperCase() }, licenseKey: 'k' } } }),
  ],
  token_expires_seconds: [
    crafted({ operationId: 'post-api-v2-auth-login', status: 200, body: login({ token: 't', token_expires: inAnHour() }) }),
    crafted({ operationId: 'post-api-v2-auth-login', status: 200, body: login({ token: 't', token_expires: inAnHour() * 1000 }) }),
  ],
  user_id_u32: [
    crafted({ operationId: 'post-api-v2-auth-login', status: 200, body: login({ token: 't' }, { ID: 2 ** 32 - 1 }) }),
    crafted({ operationId: 'post-api-v2-auth-login', status: 200, body: login({ token: 't' }, { ID: 2 ** 32 }) }),
  ],
  app_product_attributes: [
    crafted({ operationId: 'get-api-v2-products-apps', status: 200, body: apps(appProduct()) }),
    crafted({ operationId: 'get-api-v2-products-apps', status: 200, body: apps(appProduct({ categories: [] })) }),
  ],
  no_stack_trace: [
    crafted({ operationId: 'get-api-v2-products', status: 400, body: error(400, 'Bad Request') }),
    crafted({ operationId: 'get-api-v2-products', status: 400, body: { ...error(400, 'Bad Request'), reason: 'x\n    at handler (/srv/console/products.js:42:13)' } }),
  ],
  body_status_code: [
    crafted({ operationId: 'get-api-v2-products', status: 200, body: { statusCode: 200, data: { page: 1, totalPages: 1, products: [] } } }),
    crafted({ operationId: 'get-api-v2-products', status: 200, body: { statusCode: 0, data: { page: 1, totalPages: 1, products: [] } } }),
  ],
  session_header_echo: [
    withSessionSent(crafted({ operationId: 'post-api-v2-tokens', status: 204, headers: { 'x-session-id': JSON.stringify({ ...SESSION, id: SESSION.id.toUpperCase() }) } })),
    withSessionSent(crafted({ operationId: 'post-api-v2-tokens', status: 204, headers: { 'x-session-id': JSON.stringify({ ...SESSION, id: '0b8f7c1e-2d3a-4b5c-8d9e-000000000000' }) } })),
  ],
  login_data_complete: [
    crafted({ operationId: 'post-api-v2-auth-login', status: 200, body: login({ token: 't', token_expires: inAnHour() }, { ID: 6, user_email: 'u@example.test', user_login: 'u', display_name: 'U' }, { isVendor: false, isWhitelabeled: false }) }),
    crafted({ operationId: 'post-api-v2-auth-login', status: 200, body: login({ token: 't', token_expires: inAnHour() }) }),
  ],
  metadata_key: [
    crafted({ operationId: 'get-api-v2-products-apps', status: 200, body: apps(appProduct()) }),
    crafted({ operationId: 'get-api-v2-products-apps', status: 200, body: apps(appProduct({ meta_data: [{ name: 'k', value: {} }] })) }),
  ],
};

/** More cases of one check: `<check>_<what>`. */
const checkOf = (caseName: string): Check => EXCHANGE_CHECKS.find((check) => caseName === check.name || caseName.startsWith(`${check.name}_`))!;

test('every exchange check has a passing and a failing case', () => {
  expect([...new Set(Object.keys(CASES).map((name) => checkOf(name).name))].sort()).toEqual(EXCHANGE_CHECKS.map((check) => check.name).sort());
});

describe.each(Object.keys(CASES).map((name): [string, Check] => [name, checkOf(name)]))('%s', (name, check) => {
  const run = (exchange: Exchange) => (check.appliesTo(exchange, { contract }) ? check.run(exchange, { contract }) : undefined);

  test('passes a conforming exchange', () => {
    expect(run(CASES[name][0])).toBeUndefined();
  });

  test('fails the violation, naming itself, the operation and what it expected', () => {
    const failure = run(CASES[name][1]);
    expect(failure).toMatchObject({ check: check.name, operationId: CASES[name][1].operation!.operationId });
    expect(failure!.basis.length).toBeGreaterThan(0);
    expect(failure!.expected).not.toBe('');
    expect(failure!.actual).not.toBe('');
  });
});

test('strict mode reads X-Session-Id in the simple style, as the contract writes it', async () => {
  const strict = await loadContract(true);
  const check = EXCHANGE_CHECKS.find((c) => c.name === 'response_headers_conformance')!;
  const simple = crafted({ operationId: 'post-api-v2-device-license-activate', status: 204, headers: { 'x-session-id': `id,${SESSION.id},timestamp,${SESSION.timestamp}` } });
  const badTimestamp = crafted({ operationId: 'post-api-v2-device-license-activate', status: 204, headers: { 'x-session-id': `id,${SESSION.id},timestamp,yesterday` } });
  expect(check.run(simple, { contract: strict })).toBeUndefined();
  expect(check.run(badTimestamp, { contract: strict })?.actual).toMatch(/timestamp must be integer/);
  expect(check.run(simple, { contract })?.actual).toMatch(/not the JSON text/);
});

test('strict mode fails an undocumented 4xx that the errata accept', async () => {
  const strict = await loadContract(true);
  const check = EXCHANGE_CHECKS.find((c) => c.name === 'status_code_conformance')!;
  const exchange = crafted({ operationId: 'get-api-v2-my-products', status: 401, body: error(401, 'Unauthorized') });
  expect(check.run(exchange, { contract })).toBeUndefined();
  expect(check.run(exchange, { contract: strict })).toBeDefined();
});
