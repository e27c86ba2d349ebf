import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fromRoot } from '../lib/paths';
import { balancedShards, DURATIONS_FILE, type Durations } from '../lib/report/durations';

/**
 * `npm run durations`: one full run against the embedded server (its own reports folder, removed after), whose
 * file durations become fixtures/durations.json — what `--shard` cuts by. Refresh it when files are added or
 * change cost a lot; a file it does not list still runs (it weighs the median).
 */
function main(): number {
  const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'flecs-console-durations-'));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, CONSOLE_REPORTS_DIR: reports, FC_SEED: '42' };
    for (const name of ['CONSOLE_BASE_URL', 'CONSOLE_PROFILE', 'CONSOLE_RUN_ID', 'CONSOLE_SHARD', 'PROPERTY_RUNS']) delete env[name];
    const run = spawnSync(process.execPath, [fromRoot('node_modules', 'tsx', 'dist', 'cli.mjs'), fromRoot('cli', 'conformance.ts')], { cwd: fromRoot(), env, stdio: ['ignore', 'ignore', 'inherit'] });
    const [runId] = fs.existsSync(path.join(reports, 'runs')) ? fs.readdirSync(path.join(reports, 'runs')) : [];
    const file = runId && path.join(reports, 'runs', runId, 'durations-all.json');
    if (run.status !== 0 || !file || !fs.existsSync(file)) {
      console.error(`durations: the run against the embedded server did not pass (exit ${run.status}); nothing written`);
      return 2;
    }
    const durations = JSON.parse(fs.readFileSync(file, 'utf8')) as Durations;
    const sorted = Object.fromEntries(Object.entries(durations).sort(([a], [b]) => a.localeCompare(b)));
    fs.writeFileSync(DURATIONS_FILE, JSON.stringify(sorted, null, 2) + '\n');
    const files = Object.keys(sorted);
    for (const count of [2, 3]) {
      const loads = balancedShards(files, (key) => sorted[key], (key) => key, count).map((shard) => shard.reduce((sum, key) => sum + sorted[key], 0));
      console.log(`${count} shards: ${loads.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(' / ')}`);
    }
    console.log(`${files.length} files written to ${path.relative(fromRoot(), DURATIONS_FILE)}`);
    return 0;
  } finally {
    fs.rmSync(reports, { recursive: true, force: true });
  }
}

process.exit(main());
