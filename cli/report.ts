import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fromRoot, reportsDir } from '../lib/paths';
import { writeMatrix } from '../lib/report/matrix';
import type { StoredResult } from '../lib/report/results';

/**
 * `npm run report`: the conformance matrix over every results file in reports/results (so the shards of a
 * CI matrix, copied into one reports/ folder, merge), then the Allure HTML report with its history.
 */
function main(): number {
  const dir = path.join(reportsDir(), 'results');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((file) => file.endsWith('.jsonl')) : [];
  const latest = new Map<string, StoredResult>();
  for (const file of files.sort()) {
    for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n').filter(Boolean)) {
      const result = JSON.parse(line) as StoredResult;
      latest.set(result.id, result);
    }
  }
  if (latest.size > 0) console.log(`conformance matrix of ${latest.size} results from ${files.length} run(s): ${writeMatrix([...latest.values()])}`);
  const allure = spawnSync(process.execPath, [fromRoot('node_modules', 'allure', 'cli.js'), 'generate', path.join(reportsDir(), 'allure-results'), '--config', fromRoot('allurerc.mjs')], { stdio: 'inherit', cwd: fromRoot() });
  return allure.status ?? 2;
}

process.exit(main());
