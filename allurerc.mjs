// Allure 3 (the `allure` npm package, no Java). `npm run report` renders one run's results with this
// configuration; it follows CONSOLE_REPORTS_DIR like the rest of the suite.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const reports = process.env.CONSOLE_REPORTS_DIR
  ? path.resolve(process.env.CONSOLE_REPORTS_DIR)
  : path.join(path.dirname(fileURLToPath(import.meta.url)), 'reports');

/** The label every result carries (lib/report/outcome.ts): what kind of finding decided the test. */
const finding = (value, statuses) => ({ matchers: { labels: { finding: `^${value}$` }, ...(statuses ? { statuses } : {}) } });

export default {
  name: 'FLECS Console API conformance',
  output: path.join(reports, 'allure-report'),
  // One entry per run: `npm run report` replaces the entry of a run it renders again.
  historyPath: path.join(reports, 'allure-history.jsonl'),
  plugins: {
    // The tree as behaviours: epic = API title, feature = tag, story = METHOD /path. One file: index.html opens from disk.
    awesome: { options: { groupBy: ['epic', 'feature', 'story'], singleFile: true } },
  },
  // First match wins; Allure appends its own "Product errors" (failed) and "Test errors" (broken).
  categories: [
    { name: 'Contract violation', ...finding('contract violation', ['failed']) },
    { name: 'Real-client expectation (--strict-clients)', ...finding('real-client expectation', ['failed']) },
    { name: 'Unexpected pass of a known deviation', ...finding('unexpected pass', ['failed']) },
    { name: 'Setup error', matchers: [{ statuses: ['broken'] }] },
    { name: 'Flaky', matchers: { flaky: true } },
    { name: 'Real-client warning', ...finding('real-client warning') },
    { name: 'Known deviation', ...finding('known deviation', ['skipped']) },
    { name: 'Precondition: the profile lacks what the test needs', ...finding('precondition', ['skipped']) },
  ],
};
