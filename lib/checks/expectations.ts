import type { Basis } from './basis';

/**
 * The checks a scenario or property asserts about what a request should provoke, beyond what any single
 * exchange shows (EXCHANGE_CHECKS). Names follow Schemathesis where the meaning matches.
 * A failure of one of these carries the strength and basis of the scenario that asserted it, unless the
 * expectation has a basis of its own (EXPECTATION_BASIS): then that one, and no stronger than it allows.
 */
export const EXPECTATIONS = {
  expected_status: 'The request provokes the status the contract documents for this case.',
  positive_data_acceptance: 'A valid request (valid input, valid credentials, valid session) is accepted with a documented 2xx.',
  negative_data_rejection: 'An invalid request (malformed, missing or wrongly typed input) is rejected with a 4xx, never accepted.',
  ignored_auth: 'A request without valid credentials or session is never accepted (never 2xx).',
  token_validity: 'auth/validate says isValid true for a token the server issued and never for a tampered, forged or expired one.',
  user_isolation: "A user's token only ever returns that user's data.",
  listing_completeness: '"All … of a user": each product the profile names as the user\'s own that the store lists is in the user\'s listing of that store; each order it names is in my/subscriptions.',
  session_semantics:
    'An issued session validates; an unknown one never does; activating again with the active session gives 204 with that same session; an activation names a session in its 200 body or its 204 header; timestamps never decrease.',
  licence_quota: 'Activation through a user licence consumes one licence; with none left it is refused (403).',
  duplicate_rejection: 'A serial number registered once cannot be registered again (erratum duplicate-serial-status).',
  manifest_version_constraint: 'With max_manifest_version=X the returned _schemaVersion ≤ X; with manifest_version=X it equals X.',
  manifest_identity: 'The manifest data.app and data.version equal the requested {app} and {version} (real-clients 17).',
  manifest_schema: 'The manifest validates against the FLECS app manifest JSON schema of its _schemaVersion (real-clients 13).',
  store_filter: 'With store_id, every listed product belongs to that store (store.id equals it); without, all are of one store (the default store).',
  pagination: 'page and totalPages are not negative and page ≤ totalPages (the contract sets no minimum: 0-based pages are fine).',
  catalogue_consistency: 'Every (reverse-domain-name, version) an app product lists has a manifest (real-clients 30).',
  download_token: 'Tokens: an official app gets 200 with username and password, an unofficial app 204.',
  double_slash_path: 'Paths with a doubled leading slash (//api/v2/…) are served like /api/v2/… (real-clients 20).',
  allowed_methods: "A 405 carries Allow naming the path's documented methods (RFC 9110 §15.5.6: the origin server MUST generate Allow).",
  cors: 'Login and products/apps carry Access-Control-Allow-Origin, and preflights allow POST with content-type (real-clients 32).',
} as const;

export type ExpectationName = keyof typeof EXPECTATIONS;
export const EXPECTATION_NAMES = Object.keys(EXPECTATIONS) as ExpectationName[];

/** Expectations whose basis is their own whatever scenario asserts them (conventions the contract does not state). */
export const EXPECTATION_BASIS: Partial<Record<ExpectationName, Basis[]>> = {
  pagination: ['convention: a page number lies within totalPages'],
  double_slash_path: ['real-clients 20'],
  cors: ['real-clients 32'],
  allowed_methods: ['RFC 9110 §15.5.6 MUST'],
  catalogue_consistency: ['real-clients 30'],
  manifest_identity: ['real-clients 17'],
  manifest_schema: ['real-clients 13'],
};
