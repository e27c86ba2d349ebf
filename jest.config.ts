/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';

// TypeScript through SWC (no type-check at test time: `npm run typecheck` does that once).
const transform: Config['transform'] = {
  '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
};
// jose ships only ES modules: let SWC turn it into CommonJS for jest's module system.
const transformIgnorePatterns = ['/node_modules/(?!(jose)/)'];

const config: Config = {
  projects: [
    {
      displayName: 'conformance',
      testEnvironment: 'node',
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
