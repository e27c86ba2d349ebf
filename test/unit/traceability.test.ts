import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXCHANGE_CHECKS } from '../../lib/checks';
import { EXPECTATION_NAMES } from '../../lib/checks/expectations';
import { fromRoot, reportsDir } from '../../lib/paths';
import { allRunnables, loadSuites } from '../../lib/scenario/collect';
import { buildMatrix, coverageGaps, loadUnprovokable } from '../../lib/report/matrix';
import { storedResult } from '../../lib/report/results';
import { loadErrata } from '../../lib/spec/errata';
import { lintContract, renderLintMarkdown } from '../../lib/spec/lint';
import { contractIndex } from '../../lib/spec/contract';
import { FAULT_NAMES, faultDefinition } from '../../server/faults';
import type { ScenarioResult } from '../../lib/scenario/types';

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
  const pretendPassed = loadSuites().flatMap((suite) => suite.scenarios).map((spec) => storedResult({ ...spec, id: '', strength: 'MUST', verdict: 'pass', failures: [], gating: [], observedStatuses: [], exchanges: [], durationMs: 0 } as ScenarioResult));
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
