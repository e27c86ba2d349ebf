import fc from 'fast-check';
import type { OpenAPIV3 } from 'openapi-types';
import { invalidValue, nearMisses, validValue } from '../../lib/generate/arbitraries';
import { loadContract, type CompiledContract } from '../../lib/spec/compiled';
import { contractIndex } from '../../lib/spec/contract';

let contract: CompiledContract;
beforeAll(async () => {
  contract = await loadContract(false);
});

const requestSchemas = (): string[] => contractIndex(false).operations.filter((operation) => operation.hasRequestBody).map((operation) => operation.operationId);
const SAMPLES = { numRuns: 150, seed: 4242 };

test.each(requestSchemas())('every valid %s body validates against its schema', (operationId) => {
  const schema = contract.requestBodySchema(operationId)!;
  for (const value of fc.sample(validValue(schema), SAMPLES)) expect({ value, errors: contract.validateFully(schema, value) }).toEqual({ value, errors: [] });
});

test.each(requestSchemas())('every invalid %s body fails its schema at the mutated place', (operationId) => {
  const schema = contract.requestBodySchema(operationId)!;
  for (const { sample, document } of fc.sample(invalidValue(schema), SAMPLES)) {
    expect({ sample, failsSchema: contract.validateFully(schema, document).length > 0 }).toEqual({ sample, failsSchema: true });
  }
});

test.each(['id', 'appManifestSchemaVersion', 'sessionId'])('valid %s values validate, patterns included', (name) => {
  const schema = contract.componentSchema(name);
  for (const value of fc.sample(validValue(schema), SAMPLES)) expect(contract.validateFully(schema, value)).toEqual([]);
});

test('near misses of the session-id and SemVer patterns never match them', () => {
  for (const name of ['id', 'appManifestSchemaVersion']) {
    const pattern = (contract.componentSchema(name) as OpenAPIV3.SchemaObject).pattern!;
    for (const value of fc.sample(nearMisses(pattern), SAMPLES)) expect(new RegExp(pattern).test(value)).toBe(false);
  }
  expect(fc.sample(nearMisses(contract.componentSchema('id').pattern!), { numRuns: 300, seed: 1 })).toEqual(expect.arrayContaining([expect.stringMatching(/^[0-9A-F-]{36}$/)]));
});
