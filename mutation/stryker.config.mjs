// `npm run mutation`: the conformance suite's mutation score against the reference server (README, "Mutation score").
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  // The reference server but its named faults (deliberate violations) and its command line.
  mutate: ['server/**/*.ts', '!server/faults/**', '!server/cli.ts'],
  testRunner: 'jest',
  // Equivalent mutants found by the shape of the code (fault switches, route config): mutation/ignorers.cjs.
  plugins: ['@stryker-mutator/jest-runner', './mutation/ignorers.cjs'],
  ignorers: ['fault-switches'],
  jest: { projectType: 'custom', configFile: 'mutation/jest.config.js', enableFindRelatedTests: false },
  // Each mutant runs only the scenarios and properties whose requests reached its code in the dry run.
  coverageAnalysis: 'perTest',
  // A later run re-tests only the mutants whose code or covering tests changed.
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  // The time budget of one mutant: a mutant that hangs the server fails its requests after
  // MUTATION_TIMEOUT_MS (mutation/settings.ts); anything slower than this is a timeout (detected).
  timeoutMS: 10_000,
  timeoutFactor: 2,
  dryRunTimeoutMinutes: 3,
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: '.stryker-tmp',
};
