import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { fromRoot } from '../lib/paths';
import { acceptedSurvivors } from './equivalents';
import { auditLines, auditSurvivors, summarise, type MutationReport } from './summary';

const MUTATION_REPORT = fromRoot('reports', 'mutation', 'mutation.json');

/**
 * `npm run mutation [-- stryker options]`: Stryker (mutation/stryker.config.mjs) with any options given, e.g.
 * `--mutate server/auth.ts`, `--concurrency 1`; then the survivors no entry of fixtures/mutation-survivors.yaml
 * explains, and the score of each area against its minimum, as the closing line (after Stryker's own last log
 * line). Exit 1 when an area misses its minimum, Stryker's code when Stryker failed.
 */
function main(): number {
  const started = Date.now();
  const stryker = spawnSync(process.execPath, [fromRoot('node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js'), 'run', fromRoot('mutation', 'stryker.config.mjs'), ...process.argv.slice(2)], {
    cwd: fromRoot(),
    stdio: 'inherit',
  });
  if (stryker.status !== 0) return stryker.status ?? 2;
  const report = JSON.parse(fs.readFileSync(MUTATION_REPORT, 'utf8')) as MutationReport;
  const { lines, met } = summarise(report);
  const seconds = Math.round((Date.now() - started) / 1000);
  const audit = auditLines(auditSurvivors(report, acceptedSurvivors()));
  console.log(['', ...audit, '', `Mutation score by area (${Math.floor(seconds / 60)} min ${seconds % 60} s; reports/mutation/mutation.html, mutation.json):`, ...lines].join('\n'));
  return met ? 0 : 1;
}

process.exit(main());
