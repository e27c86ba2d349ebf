/**
 * Named deliberate violations of the contract or of what real clients rely on. Each is ONE violation,
 * switched on at start (`startServer({ fault })`, `npm run server -- --fault NAME`), and names the check
 * that must catch it. The self-tests run the whole suite against each and assert exactly that.
 *
 * A fault either rewrites responses of one operation (`rewrite`) or is a behaviour the handlers consult
 * (`faults.active(name)` in server/handlers), for what no rewrite can express (ignored auth, state).
 */
export interface ResponseUnderRewrite {
  status: number;
  headers: Record<string, string | undefined>;
  body: unknown;
}

export type FaultCategory =
  | 'status'
  | 'schema'
  | 'headers'
  | 'content-type'
  | 'error-body'
  | 'pattern'
  | 'input-validation'
  | 'auth'
  | 'stateful'
  | 'real-client'
  | 'robustness';

export interface FaultDefinition {
  category: FaultCategory;
  /** The operation it breaks, or '*' for every operation. */
  operationId: string;
  /** The check (lib/checks) or expectation (lib/checks/expectations) that must detect it. */
  check: string;
  description: string;
  rewrite?: (response: ResponseUnderRewrite) => void;
  /** A fault that makes the server hang: the fault matrix waits this long per request, since any deadline catches it. */
  hangs?: true;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- rewrites poke into arbitrary bodies
const data = (response: ResponseUnderRewrite): Json => (response.body as Json).data as Json;
const isOk = (response: ResponseUnderRewrite): boolean => response.status >= 200 && response.status < 300 && response.body !== undefined;
const onSuccess = (rewrite: (response: ResponseUnderRewrite) => void) => (response: ResponseUnderRewrite) => {
  if (isOk(response)) rewrite(response);
};
const onError = (rewrite: (body: Json, response: ResponseUnderRewrite) => void) => (response: ResponseUnderRewrite) => {
  if (response.status >= 400 && response.body && typeof response.body === 'object') rewrite(response.body as Json, response);
};
const products = (response: ResponseUnderRewrite): Json[] => (data(response)?.products ?? []) as Json[];

export const FAULTS = {
  // ── status ──────────────────────────────────────────────────────────────────────────────────────
  'login-created-201': {
    category: 'status', operationId: 'post-api-v2-auth-login', check: 'status_code_conformance',
    description: 'A successful login answers 201 instead of the documented 200.',
    rewrite: (r) => { if (r.status === 200) r.status = 201; },
  },
  'login-wrong-password-401': {
    category: 'status', operationId: 'post-api-v2-auth-login', check: 'expected_status',
    description: 'Wrong credentials answer 401 instead of the documented 403.',
    rewrite: onError((body, r) => { if (r.status === 403) { r.status = 401; Object.assign(body, { statusCode: 401, statusText: 'Unauthorized' }); } }),
  },
  'register-missing-auth-403': {
    category: 'status', operationId: 'post-api-v2-device-license', check: 'expected_status',
    description: 'A missing or invalid bearer token answers 403 instead of the documented 401.',
    rewrite: onError((body, r) => { if (r.status === 401) { r.status = 403; Object.assign(body, { statusCode: 403, statusText: 'Forbidden' }); } }),
  },
  'manifests-unknown-200-empty': {
    category: 'real-client', operationId: 'get-api-v2-manifests-app-version', check: 'expected_status',
    description: 'An unknown app/version answers 200 with empty data instead of 404 (real-clients 16).',
    rewrite: (r) => { if (r.status === 404) { r.status = 200; r.body = { statusCode: 200, statusText: 'OK', data: {} }; delete r.headers['x-session-id']; } },
  },
  'tokens-unofficial-200': {
    category: 'status', operationId: 'post-api-v2-tokens', check: 'download_token',
    description: 'An unofficial app gets a download token (200) instead of 204.',
  },
  // ── schema ──────────────────────────────────────────────────────────────────────────────────────
  'login-user-id-string': {
    category: 'schema', operationId: 'post-api-v2-auth-login', check: 'response_schema_conformance',
    description: 'data.user.ID is a string.',
    rewrite: onSuccess((r) => { data(r).user.ID = String(data(r).user.ID); }),
  },
  'login-extra-property': {
    category: 'schema', operationId: 'post-api-v2-auth-login', check: 'response_schema_conformance',
    description: 'data.user carries a property the additionalProperties: false schema forbids.',
    rewrite: onSuccess((r) => { data(r).user.roles = ['customer']; }),
  },
  'validate-flat-feature-flags': {
    category: 'schema', operationId: 'post-api-v2-auth-validate', check: 'response_schema_conformance',
    description: 'data.feature_flags lacks the documented ff level.',
    rewrite: onSuccess((r) => { const flags = data(r).feature_flags; if (flags?.ff) data(r).feature_flags = flags.ff; }),
  },
  'activate-timestamp-string': {
    category: 'schema', operationId: 'post-api-v2-device-license-activate', check: 'response_schema_conformance',
    description: 'data.sessionId.timestamp is a string.',
    rewrite: onSuccess((r) => { if (data(r)?.sessionId) data(r).sessionId.timestamp = String(data(r).sessionId.timestamp); }),
  },
  'activate-no-licence-key': {
    category: 'schema', operationId: 'post-api-v2-device-license-activate', check: 'response_schema_conformance',
    description: 'data.licenseKey (required) is missing.',
    rewrite: onSuccess((r) => { if (data(r)) delete data(r).licenseKey; }),
  },
  'license-validate-isvalid-string': {
    category: 'schema', operationId: 'post-api-v2-device-license-validate', check: 'response_schema_conformance',
    description: 'data.isValid is the string "true"/"false".',
    rewrite: onSuccess((r) => { data(r).isValid = String(data(r).isValid); }),
  },
  'register-created-at-not-date-time': {
    category: 'schema', operationId: 'post-api-v2-device-license', check: 'response_schema_conformance',
    description: 'data.created_at is not an RFC 3339 date-time.',
    rewrite: onSuccess((r) => { data(r).created_at = '28.07.2025 10:30'; }),
  },
  'tokens-no-status-code': {
    category: 'schema', operationId: 'post-api-v2-tokens', check: 'response_schema_conformance',
    description: 'The 200 body lacks the required statusCode (real-clients 18).',
    rewrite: onSuccess((r) => { delete (r.body as Json).statusCode; }),
  },
  'products-price-number': {
    category: 'schema', operationId: 'get-api-v2-products', check: 'response_schema_conformance',
    description: 'product.price is a number, not the documented string.',
    rewrite: onSuccess((r) => { for (const p of products(r)) p.price = Number(p.price); }),
  },
  'products-apps-total-missing': {
    category: 'schema', operationId: 'get-api-v2-products-apps', check: 'response_schema_conformance',
    description: 'data.totalProducts (required) is missing.',
    rewrite: onSuccess((r) => { delete data(r).totalProducts; }),
  },
  'reviews-verified-string': {
    category: 'schema', operationId: 'get-api-v2-products-apps-reviews', check: 'response_schema_conformance',
    description: 'data.review.verified is the string "yes".',
    rewrite: onSuccess((r) => { data(r).review.verified = 'yes'; }),
  },
  'my-products-apps-app-response': {
    category: 'schema', operationId: 'get-api-v2-my-products-apps', check: 'response_schema_conformance',
    description: 'my/products/apps answers the appResponse shape (totalProducts) instead of productResponse (page, totalPages).',
    rewrite: onSuccess((r) => { const d = data(r); (r.body as Json).data = { totalProducts: d.products.length, products: d.products }; }),
  },
  'my-subscriptions-line-items-missing': {
    category: 'schema', operationId: 'get-api-v2-my-subscriptions', check: 'response_schema_conformance',
    description: 'Orders lack the required line_items.',
    rewrite: onSuccess((r) => { for (const order of data(r).subscriptions as Json[]) delete order.line_items; }),
  },
  'my-products-store-address-missing': {
    category: 'schema', operationId: 'get-api-v2-my-products', check: 'response_schema_conformance',
    description: 'product.store.address (required) is missing.',
    rewrite: onSuccess((r) => { for (const p of products(r)) delete p.store.address; }),
  },
  // ── pattern ─────────────────────────────────────────────────────────────────────────────────────
  'activate-session-uppercase': {
    category: 'pattern', operationId: 'post-api-v2-device-license-activate', check: 'pattern_conformance',
    description: 'data.sessionId.id is an uppercase uuid (the id pattern is lowercase).',
    rewrite: onSuccess((r) => { if (data(r)?.sessionId) data(r).sessionId.id = String(data(r).sessionId.id).toUpperCase(); }),
  },
  // ── headers ─────────────────────────────────────────────────────────────────────────────────────
  'activate-204-no-session-header': {
    category: 'headers', operationId: 'post-api-v2-device-license-activate', check: 'response_headers_conformance',
    description: 'The 204 "already active" answer lacks the required X-Session-Id header.',
    rewrite: (r) => { if (r.status === 204) delete r.headers['x-session-id']; },
  },
  'tokens-session-header-bare-uuid': {
    category: 'headers', operationId: 'post-api-v2-tokens', check: 'response_headers_conformance',
    description: 'X-Session-Id is a bare uuid, not the JSON text of {id, timestamp} (real-clients 3).',
    rewrite: (r) => { const v = r.headers['x-session-id']; if (v) r.headers['x-session-id'] = (JSON.parse(v) as Json).id; },
  },
  'license-validate-session-header-simple-style': {
    category: 'headers', operationId: 'post-api-v2-device-license-validate', check: 'response_headers_conformance',
    description: "X-Session-Id uses OpenAPI's simple style id,<uuid>,timestamp,<n>, which real devices ignore.",
    rewrite: (r) => { const v = r.headers['x-session-id']; if (v) { const s = JSON.parse(v) as Json; r.headers['x-session-id'] = `id,${s.id},timestamp,${s.timestamp}`; } },
  },
  'validate-session-header-other-session': {
    category: 'headers', operationId: 'post-api-v2-device-license-validate', check: 'session_header_echo',
    description: 'The X-Session-Id response header names a session other than the one validated.',
    rewrite: (r) => { const v = r.headers['x-session-id']; if (v) { const s = JSON.parse(v) as Json; r.headers['x-session-id'] = JSON.stringify({ ...s, id: `00000000-0000-4000-8000-${String(s.id).slice(-12)}` }); } },
  },
  'manifests-400-no-session-header': {
    category: 'headers', operationId: 'get-api-v2-manifests-app-version', check: 'response_headers_conformance',
    description: 'The 400 answer lacks its required X-Session-Id header.',
    rewrite: (r) => { if (r.status === 400) delete r.headers['x-session-id']; },
  },
  // ── content type ────────────────────────────────────────────────────────────────────────────────
  'products-content-type-text': {
    category: 'content-type', operationId: 'get-api-v2-products', check: 'content_type_conformance',
    description: 'The JSON body is sent as text/plain.',
    rewrite: (r) => { r.headers['content-type'] = 'text/plain; charset=utf-8'; },
  },
  'manifests-404-content-type-html': {
    category: 'content-type', operationId: 'get-api-v2-manifests-app-version', check: 'content_type_conformance',
    description: 'The 404 JSON body is labelled text/html.',
    rewrite: (r) => { if (r.status === 404) r.headers['content-type'] = 'text/html'; },
  },
  // ── error bodies ────────────────────────────────────────────────────────────────────────────────
  'errors-no-reason': {
    category: 'error-body', operationId: '*', check: 'error_body_consistency',
    description: 'Error bodies lack reason (real-clients 19).',
    rewrite: onError((body) => { delete body.reason; }),
  },
  'errors-status-code-mismatch': {
    category: 'error-body', operationId: 'post-api-v2-device-license', check: 'error_body_consistency',
    description: 'Error bodies say statusCode 200 whatever the HTTP status.',
    rewrite: onError((body) => { body.statusCode = 200; }),
  },
  'errors-status-text-generic': {
    category: 'error-body', operationId: 'post-api-v2-tokens', check: 'error_body_consistency',
    description: 'Error bodies say statusText "Error" instead of the standard phrase.',
    rewrite: onError((body) => { body.statusText = 'Error'; }),
  },
  'errors-stack-trace': {
    category: 'error-body', operationId: 'get-api-v2-products', check: 'no_stack_trace',
    description: 'Error reasons leak a stack trace.',
    rewrite: onError((body) => { body.reason = `${body.reason}\n    at handler (/srv/console/products.js:42:13)`; }),
  },
  'products-success-status-code-zero': {
    category: 'error-body', operationId: 'get-api-v2-products-apps', check: 'body_status_code',
    description: 'The 200 body says statusCode 0.',
    rewrite: onSuccess((r) => { (r.body as Json).statusCode = 0; }),
  },
  // ── input validation ────────────────────────────────────────────────────────────────────────────
  'register-accepts-bad-date': {
    category: 'input-validation', operationId: 'post-api-v2-device-license', check: 'negative_data_rejection',
    description: 'manufacture_date that is not a date is accepted (201).',
  },
  'manifests-accepts-bad-semver': {
    category: 'input-validation', operationId: 'get-api-v2-manifests-app-version', check: 'negative_data_rejection',
    description: 'A max_manifest_version that is not SemVer is ignored instead of rejected with 400.',
  },
  'tokens-accepts-missing-version': {
    category: 'input-validation', operationId: 'post-api-v2-tokens', check: 'negative_data_rejection',
    description: 'A tokens body without version is accepted (the newest version is assumed).',
  },
  'products-accepts-bad-store-id': {
    category: 'input-validation', operationId: 'get-api-v2-products', check: 'negative_data_rejection',
    description: 'A store_id that is not an integer is ignored (200 for the default store).',
  },
  'products-apps-bad-store-id-500': {
    category: 'robustness', operationId: 'get-api-v2-products-apps', check: 'not_a_server_error',
    description: 'A store_id that is not an integer crashes the handler (500).',
  },
  'my-subscriptions-store-id-rejected': {
    category: 'input-validation', operationId: 'get-api-v2-my-subscriptions', check: 'positive_data_acceptance',
    description: 'Any store_id, a valid one too, is refused with 400.',
  },
  'manifests-plus-as-space': {
    category: 'real-client', operationId: 'get-api-v2-manifests-app-version', check: 'positive_data_acceptance',
    description: "A '+' in {version} is read as a space, as form encoding would: a version with build metadata is not found.",
  },
  'license-validate-missing-session-500': {
    category: 'robustness', operationId: 'post-api-v2-device-license-validate', check: 'not_a_server_error',
    description: 'A missing X-Session-Id crashes the handler (500).',
  },
  'manifests-empty-session-500': {
    category: 'robustness', operationId: 'get-api-v2-manifests-app-version', check: 'not_a_server_error',
    description: 'An empty X-Session-Id (sent by devices with no stored session) crashes the handler (500, real-clients 7).',
  },
  'activate-null-body-rejected': {
    category: 'real-client', operationId: 'post-api-v2-device-license-activate', check: 'positive_data_acceptance',
    description: 'The body null that real devices send with a bearer token is rejected (real-clients 8).',
  },
  // ── auth ────────────────────────────────────────────────────────────────────────────────────────
  'login-accepts-wrong-password': {
    category: 'auth', operationId: 'post-api-v2-auth-login', check: 'ignored_auth',
    description: 'Any password is accepted for a known user.',
  },
  'validate-accepts-tampered-token': {
    category: 'auth', operationId: 'post-api-v2-auth-validate', check: 'token_validity',
    description: 'auth/validate does not verify the signature (a tampered token is isValid true).',
  },
  'activate-accepts-forged-token': {
    category: 'auth', operationId: 'post-api-v2-device-license-activate', check: 'ignored_auth',
    description: 'Activation through a user licence accepts a bearer token with a forged signature.',
  },
  'register-ignores-auth': {
    category: 'auth', operationId: 'post-api-v2-device-license', check: 'ignored_auth',
    description: 'Device licences are registered without a valid bearer token.',
  },
  'manifests-ignores-session': {
    category: 'auth', operationId: 'get-api-v2-manifests-app-version', check: 'ignored_auth',
    description: 'Any well-formed session id, known or not, gets the manifest.',
  },
  'tokens-ignores-session': {
    category: 'auth', operationId: 'post-api-v2-tokens', check: 'ignored_auth',
    description: 'Any well-formed session id, known or not, gets a download token.',
  },
  'reviews-ignores-auth': {
    category: 'auth', operationId: 'get-api-v2-products-apps-reviews', check: 'ignored_auth',
    description: 'Reviews are accepted without any token.',
  },
  'my-products-ignores-auth': {
    category: 'auth', operationId: 'get-api-v2-my-products', check: 'ignored_auth',
    description: 'my/products answers an expired token (the first user\'s products).',
  },
  'my-subscriptions-all-users': {
    category: 'auth', operationId: 'get-api-v2-my-subscriptions', check: 'user_isolation',
    description: "my/subscriptions returns every user's orders.",
  },
  // ── stateful semantics ──────────────────────────────────────────────────────────────────────────
  'activate-ignores-active-session': {
    category: 'stateful', operationId: 'post-api-v2-device-license-activate', check: 'session_semantics',
    description: 'Activating again with the active session starts a new session (200) instead of 204 with the same one.',
  },
  'activate-timestamp-goes-back': {
    category: 'stateful', operationId: 'post-api-v2-device-license-activate', check: 'session_semantics',
    description: 'Each new session of a licence gets an older timestamp than the one before.',
  },
  'activate-user-licences-shared': {
    category: 'stateful', operationId: 'post-api-v2-device-license-activate', check: 'session_semantics',
    description: "Every device a user activates through a user licence gets the user's first licence (the quota still counts): each new device's session ends the one before.",
  },
  'activate-user-licence-keys-shared': {
    category: 'stateful', operationId: 'post-api-v2-device-license-activate', check: 'session_semantics',
    description: "A user's user licences are all issued under one key: activating with it takes the newest licence, whichever device asks.",
  },
  'activate-ignores-quota': {
    category: 'stateful', operationId: 'post-api-v2-device-license-activate', check: 'licence_quota',
    description: 'A user without user licences can still activate through a user licence.',
  },
  'activate-quota-off-by-one': {
    category: 'stateful', operationId: 'post-api-v2-device-license-activate', check: 'licence_quota',
    description: 'A user who had user licences activates one device more than the quota allows.',
  },
  'license-validate-unknown-valid': {
    category: 'stateful', operationId: 'post-api-v2-device-license-validate', check: 'session_semantics',
    description: 'A well-formed but unknown session id validates (isValid true).',
  },
  'register-accepts-duplicate-serial': {
    category: 'stateful', operationId: 'post-api-v2-device-license', check: 'duplicate_rejection',
    description: 'The same serial number can be registered twice.',
  },
  'manifests-ignores-max-version': {
    category: 'stateful', operationId: 'get-api-v2-manifests-app-version', check: 'manifest_version_constraint',
    description: 'max_manifest_version is ignored: the newest manifest is returned.',
  },
  'manifests-ignores-manifest-version': {
    category: 'stateful', operationId: 'get-api-v2-manifests-app-version', check: 'manifest_version_constraint',
    description: 'manifest_version is ignored: the newest manifest within max_manifest_version is returned.',
  },
  'manifests-wrong-version-field': {
    category: 'real-client', operationId: 'get-api-v2-manifests-app-version', check: 'manifest_identity',
    description: 'data.version differs from the requested {version} (a build suffix is appended).',
    rewrite: onSuccess((r) => { const d = data(r); if (typeof d?.version === 'string') d.version = `${d.version}-build.1`; }),
  },
  'manifests-invalid-manifest': {
    category: 'real-client', operationId: 'get-api-v2-manifests-app-version', check: 'manifest_schema',
    description: 'The manifest lacks image/deployment, which the FLECS app manifest schema requires.',
    rewrite: onSuccess((r) => { const d = data(r); if (d) { delete d.image; delete d.deployment; } }),
  },
  'products-ignores-store-filter': {
    category: 'stateful', operationId: 'get-api-v2-products', check: 'store_filter',
    description: 'store_id is ignored: products of every store are listed.',
  },
  'my-products-apps-ignores-store-filter': {
    category: 'stateful', operationId: 'get-api-v2-my-products-apps', check: 'store_filter',
    description: 'store_id is ignored on my/products/apps.',
  },
  'my-products-apps-drops-one': {
    category: 'stateful', operationId: 'get-api-v2-my-products-apps', check: 'listing_completeness',
    description: 'my/products/apps leaves out the last app product of the user.',
    rewrite: onSuccess((r) => { products(r).pop(); }),
  },
  'products-page-beyond-total': {
    category: 'schema', operationId: 'get-api-v2-products', check: 'pagination',
    description: 'page is greater than totalPages.',
    rewrite: onSuccess((r) => { data(r).page = data(r).totalPages + 1; }),
  },
  // ── real-client expectations ────────────────────────────────────────────────────────────────────
  'login-token-expires-ms': {
    category: 'real-client', operationId: 'post-api-v2-auth-login', check: 'token_expires_seconds',
    description: 'token_expires is in milliseconds.',
    rewrite: onSuccess((r) => { data(r).jwt.token_expires *= 1000; }),
  },
  'login-no-feature-flags': {
    category: 'real-client', operationId: 'post-api-v2-auth-login', check: 'login_data_complete',
    description: 'The login 200 lacks feature_flags (the web UI reads isVendor and isWhitelabeled).',
    rewrite: onSuccess((r) => { delete data(r).feature_flags; }),
  },
  'login-user-id-64-bit': {
    category: 'real-client', operationId: 'post-api-v2-auth-login', check: 'user_id_u32',
    description: 'user.ID does not fit 32 bits.',
    rewrite: onSuccess((r) => { data(r).user.ID += 2 ** 33; }),
  },
  'products-apps-no-app-category': {
    category: 'real-client', operationId: 'get-api-v2-products-apps', check: 'app_product_attributes',
    description: 'App products lack category 27 "App".',
    rewrite: onSuccess((r) => { for (const p of products(r)) p.categories = (p.categories as Json[]).filter((c) => c.id !== 27); }),
  },
  'products-metadata-name-only': {
    category: 'real-client', operationId: 'get-api-v2-products', check: 'metadata_key',
    description: 'meta_data items carry name but not key.',
    rewrite: onSuccess((r) => { for (const p of products(r)) for (const m of p.meta_data as Json[]) delete m.key; }),
  },
  'products-apps-version-without-manifest': {
    category: 'real-client', operationId: 'get-api-v2-products-apps', check: 'catalogue_consistency',
    description: 'An app product lists a version that has no manifest.',
    rewrite: onSuccess((r) => { for (const p of products(r)) for (const a of p.attributes as Json[]) if (a.name === 'versions') a.options = [...a.options, '99.0.0']; }),
  },
  'double-slash-not-served': {
    category: 'real-client', operationId: '*', check: 'double_slash_path',
    description: 'Paths with a doubled leading slash answer 404 (current FLECS devices send them).',
  },
  'method-not-allowed-without-allow': {
    category: 'headers', operationId: '*', check: 'allowed_methods',
    description: 'A 405 (a method the path does not serve) carries no Allow header.',
  },
  'cors-wildcard-allow-headers': {
    category: 'real-client', operationId: '*', check: 'cors',
    description: 'Preflights allow the headers `*`, which covers content-type but never authorization (Fetch): the web UI cannot send its bearer token.',
    rewrite: (r) => {
      if (r.headers['access-control-allow-headers'] !== undefined) r.headers['access-control-allow-headers'] = '*';
    },
  },
  'no-cors': {
    category: 'real-client', operationId: '*', check: 'cors',
    description: 'No CORS headers: the web UI cannot call login or products/apps from the browser.',
  },
  // ── robustness ──────────────────────────────────────────────────────────────────────────────────
  'products-hangs': {
    category: 'robustness', operationId: 'get-api-v2-products', check: 'complete_response',
    description: 'products never answers (the connection stays open).',
    hangs: true,
  },
} satisfies Record<string, FaultDefinition>;

export type FaultName = keyof typeof FAULTS;
export const FAULT_NAMES = Object.keys(FAULTS) as FaultName[];

export function faultDefinition(name: string): FaultDefinition {
  if (!(name in FAULTS)) throw new Error(`unknown fault "${name}"; known: ${FAULT_NAMES.join(', ')}`);
  return FAULTS[name as FaultName];
}

/** What the handlers ask: is this behaviour fault switched on? */
export class ActiveFault {
  constructor(readonly name: FaultName | undefined) {
    if (name !== undefined) faultDefinition(name);
  }

  active(name: FaultName): boolean {
    return this.name === name;
  }

  /** The response rewrite of the active fault for an operation, if any. */
  rewriteFor(operationId: string | undefined): FaultDefinition['rewrite'] {
    if (!this.name) return undefined;
    const fault: FaultDefinition = FAULTS[this.name];
    return fault.operationId === '*' || fault.operationId === operationId ? fault.rewrite : undefined;
  }
}
