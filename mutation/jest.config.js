// The jest project Stryker runs for `npm run mutation` (mutation/stryker.config.mjs). Not a project of
// ../jest.config.js: Stryker needs one plain project whose test environment it can wrap, and whose tests
// start the reference server themselves (mutant switching and per-test coverage only see code that runs
// inside the test environment, never in a globalSetup).
const path = require('node:path');
const base = require('../jest.config.js');

// The same TypeScript transform as the self-tests (SWC), so mutants compile as the suite does.
const { transform, transformIgnorePatterns } = base.projects.find((project) => project.displayName === 'self-tests');

/** @type {import('jest').Config} */
module.exports = {
  rootDir: path.join(__dirname, '..'),
  cacheDirectory: base.cacheDirectory,
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns,
  roots: ['<rootDir>/mutation'],
  testMatch: ['**/*.test.ts'],
};
