import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import type { StoredResult } from './results';

/**
 * jest-junit writes the JUnit file; it knows jest's view only. This step gives it the suite's: what CI
 * summaries show of a failure (message="[check] one line", type="<check>"), classname = operationId on every
 * testcase (properties too, which have no describe block), a setup failure as <error>, KNOWN and PRECONDITION
 * as <skipped message>, and no testcase for the tests --only left out (they were never part of the run).
 */

interface Element {
  '#text'?: string;
  [attribute: `@_${string}`]: string;
}
interface TestCase {
  '@_classname': string;
  '@_name': string;
  failure?: Element[];
  error?: Element[];
  skipped?: Element[];
  [other: string]: unknown;
}
interface TestSuite {
  '@_name': string;
  testcase?: TestCase[];
  [other: string]: unknown;
}
interface Document {
  testsuites: { testsuite?: TestSuite[]; [attribute: `@_${string}`]: string };
  [other: string]: unknown;
}

const XML_OPTIONS = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  alwaysCreateTextNode: true,
  isArray: (name: string) => ['testsuite', 'testcase', 'failure', 'error', 'skipped', 'property'].includes(name),
};
const parse = (xml: string): Document => new XMLParser(XML_OPTIONS).parse(xml) as Document;
const build = (document: Document): string => new XMLBuilder({ ...XML_OPTIONS, format: true, suppressEmptyNode: true }).build(document) as string;

const PRECONDITION_TITLE = / \[PRECONDITION: (.*)\]$/;
const MAX_LINE = 300;
const firstLine = (text: string | undefined): string => (text ?? '').split('\n').map((line) => line.trim()).find(Boolean)?.slice(0, MAX_LINE) ?? 'failed';

/** A test id starts with its operationId; a suite that failed to load is named by its file (<operationId>.….test.ts). */
const operationIdOf = (testName: string, suiteName: string): string => (testName.includes(' › ') ? testName.split(' › ')[0] : suiteName.split('.')[0]);

function finishTestCase(testCase: TestCase, suiteName: string, byId: Map<string, StoredResult>): TestCase | undefined {
  const name = testCase['@_name'];
  const precondition = PRECONDITION_TITLE.exec(name);
  const stored = byId.get(name);
  // Skipped by jest without a result and without a PRECONDITION title: deselected (--only, a name pattern).
  if (testCase.skipped && !stored && !precondition) return undefined;
  const finished: TestCase = { ...testCase, '@_classname': operationIdOf(name, suiteName) };
  const outcome = stored?.outcome;
  const failures = [...(testCase.failure ?? []), ...(testCase.error ?? [])].map((element) => ({
    ...element,
    '@_message': outcome?.line && (outcome.status === 'failed' || outcome.status === 'broken') ? outcome.line : firstLine(element['#text']),
    '@_type': outcome?.check && outcome.status !== 'passed' ? outcome.check : 'error',
  }));
  delete finished.failure;
  delete finished.error;
  if (failures.length > 0) {
    // A setup error, or a harness error with no outcome at all, is an <error>: the question could not be asked.
    if (outcome?.status === 'failed') finished.failure = failures;
    else finished.error = failures;
  }
  if (precondition) finished.skipped = [{ '@_message': `PRECONDITION: ${precondition[1]}` }];
  else if (outcome?.status === 'skipped' && failures.length === 0) finished.skipped = [{ '@_message': outcome.line ?? outcome.finding }];
  return finished;
}

/** tests/failures/errors/skipped recounted from the testcases, on each testsuite and on testsuites. */
function recount(document: Document): Document {
  const suites = document.testsuites.testsuite ?? [];
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const suite of suites) {
    const cases = suite.testcase ?? [];
    const counts = {
      tests: cases.length,
      failures: cases.filter((testCase) => testCase.failure).length,
      errors: cases.filter((testCase) => testCase.error).length,
      skipped: cases.filter((testCase) => testCase.skipped).length,
    };
    for (const [key, value] of Object.entries(counts) as Array<[keyof typeof totals, number]>) {
      suite[`@_${key}`] = String(value);
      totals[key] += value;
    }
  }
  document.testsuites['@_tests'] = String(totals.tests);
  document.testsuites['@_failures'] = String(totals.failures);
  document.testsuites['@_errors'] = String(totals.errors);
  return document;
}

/** jest-junit's file, finished with the run's stored results. */
export function finishJUnit(xml: string, results: StoredResult[]): string {
  const document = parse(xml);
  const byId = new Map(results.map((result) => [result.id, result]));
  document.testsuites.testsuite = (document.testsuites.testsuite ?? [])
    .map((suite) => ({ ...suite, testcase: (suite.testcase ?? []).flatMap((testCase) => finishTestCase(testCase, suite['@_name'], byId) ?? []) }))
    .filter((suite) => suite.testcase.length > 0);
  return build(recount(document));
}

/** The shards' JUnit files of one run as one file (testsuites side by side, counts summed). */
export function mergeJUnit(xmls: string[]): string {
  const documents = xmls.map(parse);
  const merged: Document = { ...documents[0], testsuites: { ...documents[0].testsuites, testsuite: documents.flatMap((document) => document.testsuites.testsuite ?? []) } };
  const time = documents.reduce((sum, document) => sum + Number(document.testsuites['@_time'] ?? 0), 0);
  merged.testsuites['@_time'] = time.toFixed(3);
  return build(recount(merged));
}
