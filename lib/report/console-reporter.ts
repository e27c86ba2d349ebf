import * as path from 'node:path';
import type { AggregatedResult, TestResult } from '@jest/test-result';
import type { Test } from '@jest/reporters';
import { cap } from '../checks/types';
import { projectRoot } from '../paths';
import { readShardResults } from './results';
import { preconditionLines, renderClosing, summarize } from './summary';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * The console of a conformance run, in place of jest's default reporter: one line per test file while it
 * runs, then each finding once, grouped, with its basis and replay line; warnings and preconditions one line
 * each, no stack frames (jest's reporter would print every failure twice and every warning with a code frame).
 */
export default class ConsoleReporter {
  onTestResult(_test: Test, result: TestResult): void {
    const file = path.relative(projectRoot, result.testFilePath);
    if (result.testExecError) {
      process.stdout.write(`ERROR ${file}: ${cap(result.testExecError.message, 1000)}\n`);
      return;
    }
    const counts = [`${result.numFailingTests} failed`, `${result.numPassingTests} passed`, ...(result.numPendingTests ? [`${result.numPendingTests} skipped`] : [])];
    process.stdout.write(`${result.numFailingTests > 0 ? 'FAIL' : 'PASS'} ${file} (${counts.join(', ')}, ${seconds(result.perfStats.end - result.perfStats.start)})\n`);
  }

  onRunComplete(_contexts: unknown, results: AggregatedResult): void {
    const stored = readShardResults(process.env.CONSOLE_RUN_ID ?? '');
    const recorded = new Set(stored.map((result) => result.id));
    // A test that failed without recording a result is a failure of the harness itself: say what it threw.
    const unexplained = results.testResults
      .flatMap((file) => file.testResults)
      .filter((test) => test.status === 'failed' && !recorded.has(test.title))
      .map((test) => `ERROR ${test.title}: ${cap(test.failureMessages.join('\n'), 1000)}`);
    const closing = renderClosing(stored, summarize(results, stored), preconditionLines(results, stored));
    process.stdout.write([...unexplained, closing].filter(Boolean).join('\n') + '\n');
  }
}
