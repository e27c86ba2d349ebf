import * as fs from 'node:fs';
import { fromRoot } from '../../lib/paths';
import { CONFIG_VARIABLES } from '../../lib/target/config';

const readme = fs.readFileSync(fromRoot('README.md'), 'utf8');
const scripts = (JSON.parse(fs.readFileSync(fromRoot('package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

test('the quick start is two command lines that package.json defines', () => {
  const quickStart = /## Quick start\n[\s\S]*?```(?:sh|bash)?\n([\s\S]*?)```/.exec(readme);
  expect(quickStart).not.toBeNull();
  const lines = quickStart![1].trim().split('\n');
  expect(lines).toEqual(['npm ci && npm run conformance', 'npm test']);
  expect(scripts.conformance).toBeDefined();
  expect(scripts.test).toBeDefined();
});

test('.ci/run runs the README test command after npm ci', () => {
  const ci = fs.readFileSync(fromRoot('.ci', 'run'), 'utf8');
  expect(ci).toMatch(/npm ci[\s\S]*npm test/);
});

test('the README configuration table names every variable', () => {
  for (const name of Object.keys(CONFIG_VARIABLES)) expect(readme).toContain(`\`${name}\``);
});
