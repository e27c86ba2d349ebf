/** @jest-config-loader esbuild-register */
import * as path from 'node:path';
import type { Config } from 'jest';

const reports = process.env.CONSOLE_REPORTS_DIR ?? path.join(__dirname, 'reports');

// TypeScript through SWC (no type-check at test time: `npm run typecheck` does that once).
const transform: Config['transform'] = {
  '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
};
// jose and json-schema-ref-parser ship ES modules: let SWC turn it into CommonJS for jest's module system.
const transformIgnorePatterns = ['/node_modules/(?!(jose|@apidevtools)/)'];

const config: Config = {
  projects: [
    {
      displayName: 'conformance',
      // Allure results of every scenario and property; `npm run report` renders them.
      testEnvironment: 'allure-jest/node',
      testEnvironmentOptions: { resultsDir: path.join(reports, 'allure-results') },
      transform,
      transformIgnorePatterns,
      roots: ['<rootDir>/suites', '<rootDir>/properties'],
      testMatch: ['**/*.test.ts'],
      globalSetup: '<rootDir>/lib/target/global-setup.ts',
      globalTeardown: '<rootDir>/lib/target/global-teardown.ts',
    },
    {
      displayName: 'self-tests',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
    },
  ],
};

export default config;
