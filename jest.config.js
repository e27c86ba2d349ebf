// Plain CommonJS on purpose: a TypeScript config needs a loader (esbuild-register), whose esbuild service
// process outlived every run.
const path = require('node:path');

// TypeScript through SWC (no type-check at test time: `npm run typecheck` does that once).
const transform = {
  '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
};
// jose, json-schema-ref-parser, stream-json and stream-chain ship ES modules: let SWC turn it into CommonJS for jest's module system.
const transformIgnorePatterns = ['/node_modules/(?!(jose|@apidevtools|stream-json|stream-chain)/)'];

/** @type {import('jest').Config} */
module.exports = {
  // Transforms are kept with the checkout (a fresh `npm ci` starts cold), not in a shared /tmp folder.
  cacheDirectory: path.join(__dirname, 'node_modules', '.cache', 'jest'),
  // --shard cuts by recorded duration (fixtures/durations.json), not by a hash of the file path.
  testSequencer: '<rootDir>/lib/report/sequencer.cjs',
  // Self-tests on every core (jest's default leaves one idle: half the machine on 2 cores). Runs of the suite
  // itself are in band whatever this says (cli/conformance.ts, lib/har/report.ts).
  maxWorkers: '100%',
  projects: [
    {
      displayName: 'conformance',
      // allure-jest (reports/runs/<run id>/; `npm run report` renders them), with the run's monitor.
      testEnvironment: '<rootDir>/lib/target/jest-environment.ts',
      transform,
      transformIgnorePatterns,
      roots: ['<rootDir>/suites', '<rootDir>/properties'],
      testMatch: ['**/*.test.ts'],
      globalSetup: '<rootDir>/lib/target/global-setup.ts',
      globalTeardown: '<rootDir>/lib/target/global-teardown.ts',
    },
    {
      // Recorded traffic (--har, the proxy): one test per operation × status, reported as scenarios are.
      displayName: 'har',
      testEnvironment: '<rootDir>/lib/report/allure-environment.ts',
      transform,
      transformIgnorePatterns,
      roots: ['<rootDir>/har'],
      testMatch: ['**/*.test.ts'],
    },
    {
      displayName: 'self-tests',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      // Never the user's reports/ or the shared temporary directory: a folder of their own, checked and removed.
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
