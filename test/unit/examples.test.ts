import type { OpenAPIV3 } from 'openapi-types';
import { checkExchange, EXCHANGE_CHECKS } from '../../lib/checks';
import { loadContract, type CompiledContract } from '../../lib/spec/compiled';
import { crafted } from '../support/exchanges';

/** Every example in the contract, checked against its own schema and by every exchange check. */
let contract: CompiledContract;
beforeAll(async () => {
  contract = await loadContract(false);
});

/** Checks of what the example shows: a 500 example is a server error by design, and the login example's token expired in 2024. */
const CHECKS_OF_SHAPE = EXCHANGE_CHECKS.filter((check) => !['not_a_server_error', 'token_expires_seconds'].includes(check.name));

const VALID_SESSION_HEADER = JSON.stringify({ id: '0b8f7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e', timestamp: 1704378025 });

function responseExamples(): Array<[string, number, string, unknown]> {
  const examples: Array<[string, number, string, unknown]> = [];
  // The raw (patched) document: examples are the same as in the dereferenced one.
  const { contractIndex } = jest.requireActual('../../lib/spec/contract') as typeof import('../../lib/spec/contract');
  const document = contractIndex(false).document;
  for (const operation of contractIndex(false).operations) {
    const responses = document.paths[operation.pathTemplate]![operation.method]!.responses as Record<string, OpenAPIV3.ResponseObject>;
    for (const [status, response] of Object.entries(responses)) {
      for (const [name, example] of Object.entries(response.content?.['application/json']?.examples ?? {})) {
        examples.push([operation.operationId, Number(status), name, (example as OpenAPIV3.ExampleObject).value]);
      }
    }
  }
  return examples;
}

test.each(responseExamples())('%s %i example %s validates and passes every check', (operationId, status, _name, value) => {
  expect(contract.validateResponseBody(operationId, status, value)).toEqual([]);
  const headers: Record<string, string> = Object.entries(contract.responseHeaders(operationId, status)).some(([, header]) => header.required) ? { 'x-session-id': VALID_SESSION_HEADER } : {};
  expect(checkExchange(crafted({ operationId, status, body: value, headers }), { contract }, CHECKS_OF_SHAPE).map((failure) => `${failure.check}: ${failure.actual}`)).toEqual([]);
});

test('the request examples validate against their request schemas', () => {
  for (const [operationId, example] of [
    ['post-api-v2-auth-login', { issueJWT: true, password: 'password', username: 'user' }],
    ['post-api-v2-auth-validate', { jwt: { token: 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI...' } }],
  ] as const) {
    expect(contract.validateValue(contract.requestBodySchema(operationId)!, example)).toEqual([]);
  }
});

test('the deviceLicense property examples form a valid registration', () => {
  const schema = contract.componentSchema('deviceLicense');
  const fromExamples = Object.fromEntries(
    Object.entries(schema.properties!).map(([name, property]) => {
      const p = property as OpenAPIV3.SchemaObject;
      const value = p.example ?? Object.fromEntries(Object.entries(p.properties ?? {}).map(([k, v]) => [k, (v as OpenAPIV3.SchemaObject).example]));
      return [name, value];
    }),
  );
  expect(contract.validateValue(schema, fromExamples)).toEqual([]);
});
