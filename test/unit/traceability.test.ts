import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXCHANGE_CHECKS } from '../../lib/checks';
import { fromRoot, reportsDir } from '../../lib/paths';
import { allRunnables, loadSuites } from '../../lib/scenario/collect';
import { buildMatrix, coverageGaps, loadUnprovokable } from '../../lib/report/matrix';
import { storedResult } from '../../lib/report/results';
import { loadErrata } from '../../lib/spec/errata';
import { lintContract, renderLintMarkdown } from '../../lib/spec/lint';
import { contractIndex } from '../../lib/spec/contract';
import { FAULT_NAMES, faultDefinition } from '../../server/faults';
import { scenarioBasis, scenarioId, type ScenarioResult } from '../../lib/scenario/types';
import { strongestAllowed, unresolvedBasis } from '../../lib/checks/basis';
import { EXPECTATION_BASIS, EXPECTATION_NAMES } from '../../lib/checks/expectations';
import { basisOf, type Strength } from '../../lib/checks/types';
import type { Exchange } from '../../lib/http/exchange';
import { definedProperties } from '../../lib/property/define';
import { propertyId } from '../../lib/property/types';

const CHECK_NAMES = [...EXCHANGE_CHECKS.map((check) => check.name), ...EXPECTATION_NAMES];

test('every check and expectation is the declared catch of at least one fault', () => {
  const exercised = new Set(FAULT_NAMES.map((name) => faultDefinition(name).check));
  expect(CHECK_NAMES.filter((name) => !exercised.has(name))).toEqual([]);
});

test('every property names an existing fault that proves it can fail', () => {
  for (const runnable of allRunnables().filter((r) => r.kind === 'property')) expect(FAULT_NAMES).toContain(runnable.provenBy);
});

test('every fault declares a check that exists and an operation of the contract', () => {
  for (const name of FAULT_NAMES) {
    const fault = faultDefinition(name);
    expect({ name, check: CHECK_NAMES.includes(fault.check) }).toEqual({ name, check: true });
    if (fault.operationId !== '*') expect(contractIndex().has(fault.operationId)).toBe(true);
  }
  expect(FAULT_NAMES.length).toBeGreaterThanOrEqual(40);
});

test('every operation has at least one fault of its own', () => {
  const broken = new Set(FAULT_NAMES.map((name) => faultDefinition(name).operationId));
  expect(contractIndex().operations.map((operation) => operation.operationId).filter((id) => !broken.has(id))).toEqual([]);
});

test('every documented (operation, status) has a scenario or is recorded as unprovokable', () => {
  const pretendPassed = loadSuites().flatMap((suite) => suite.scenarios).map((spec) => storedResult({ ...spec, id: '', strength: 'MUST', verdict: 'pass', failures: [], gating: [], observedStatuses: [], exchanges: [], durationMs: 0 } as ScenarioResult, { status: 'passed', finding: 'conformant' }));
  expect(coverageGaps(buildMatrix(pretendPassed))).toEqual([]);
  for (const entry of loadUnprovokable()) expect(contractIndex().operation(entry.operationId).statuses).toContain(entry.status);
});

test('one suite file per operation, named by its operationId, under its tag', () => {
  const files = fs.readdirSync(fromRoot('suites'), { recursive: true }).map(String).filter((file) => file.endsWith('.test.ts'));
  const expected = contractIndex().operations.map((operation) => path.join(operation.tag.toLowerCase(), `${operation.operationId}.test.ts`));
  expect(files.sort()).toEqual(expected.sort());
});

test('the contract lint finds its defects by code, each resolved by an erratum (reports/spec-lint.md)', () => {
  const findings = lintContract();
  const errata = new Set(loadErrata().map((erratum) => erratum.id));
  expect(findings.filter((finding) => !errata.has(finding.erratum))).toEqual([]);
  expect(new Set(findings.map((finding) => finding.rule))).toEqual(
    new Set(['required-not-defined', 'unknown-format', 'unanchored-pattern', 'no-security-scheme', 'authorization-header-parameter', 'unused-component', 'no-4xx', 'object-response-header', 'missing-operation-id', 'untagged-operation', 'error-not-error-description', 'optional-body-required-fields', 'operation-id-method-mismatch', 'unused-tag']),
  );
  fs.mkdirSync(reportsDir(), { recursive: true });
  fs.writeFileSync(path.join(reportsDir(), 'spec-lint.md'), renderLintMarkdown(findings));
});

describe('every assertion has a basis a reader can point at', () => {
  const sources = {
    contract: (require('yaml') as typeof import('yaml')).parse(fs.readFileSync(fromRoot('openapi.yaml'), 'utf8')),
    errata: new Set(loadErrata().map((erratum) => erratum.id)),
    realClientItems: Math.max(...[...fs.readFileSync(fromRoot('docs', 'real-clients.md'), 'utf8').matchAll(/^\s*(\d+)\. /gm)].map((match) => Number(match[1]))),
  };
  const problemsOf = (owner: string, strength: Strength, basis: readonly string[]): string[] => [
    ...basis.flatMap((entry) => unresolvedBasis(entry, sources) ?? []).map((problem) => `${owner}: ${problem}`),
    ...(strength === 'MUST' && strongestAllowed(basis) !== 'MUST' ? [`${owner}: MUST without a contract, erratum or RFC-MUST basis (${basis.join('; ') || 'none'})`] : []),
  ];
  /** One exchange per operation and documented status, so a basis computed from the exchange is computed for each. */
  const exchanges = contractIndex().operations.flatMap((operation) =>
    operation.statuses.map<Exchange>((status) => ({ id: 0, operation, request: { method: operation.method, url: '', path: operation.pathTemplate, headers: {} }, response: { status, statusText: '', headers: {}, bodyText: '', bodyBytes: 0, body: { kind: 'none' }, durationMs: 0 } })),
  );

  test('the docs/real-clients.md copy has its 35 items', () => expect(sources.realClientItems).toBe(35));

  test('exchange checks', () => {
    const problems = EXCHANGE_CHECKS.flatMap((check) => exchanges.flatMap((exchange) => problemsOf(`check ${check.name}`, check.strength, basisOf(check, exchange))));
    expect([...new Set(problems)]).toEqual([]);
  });

  test('scenarios, with their expectations of a basis of their own', () => {
    const specs = loadSuites().flatMap((suite) => suite.scenarios);
    const problems = specs.flatMap((spec) => problemsOf(scenarioId(spec), spec.strength ?? 'MUST', scenarioBasis(spec)));
    const own = Object.entries(EXPECTATION_BASIS).flatMap(([name, basis]) => problemsOf(`expectation ${name}`, 'SHOULD', basis));
    expect([...problems, ...own]).toEqual([]);
  });

  test('properties and the model', () => {
    expect(definedProperties().flatMap((spec) => problemsOf(propertyId(spec), spec.strength ?? 'MUST', spec.basis))).toEqual([]);
  });

  test('a basis that does not resolve, or a MUST on a real-client item, is caught', () => {
    expect(problemsOf('x', 'MUST', ['real-clients 22'])).toHaveLength(1);
    expect(problemsOf('x', 'SHOULD', ['openapi.yaml#/paths/~1api~1v2~1nowhere'])).toHaveLength(1);
    expect(problemsOf('x', 'SHOULD', ['erratum no-such-erratum', 'real-clients 99', 'RFC 9110 MUST'])).toHaveLength(3);
    expect(problemsOf('x', 'MUST', ['openapi.yaml#/components/schemas/id/pattern', 'RFC 9110 §11.1 SHOULD'])).toEqual([]);
  });
});
