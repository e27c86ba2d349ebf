import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fromRoot } from '../paths';
import { CONTRACT_FILE } from '../spec/contract';
import { CLIENTS_FILE } from './clients';
import { PINNED_DAEMON_COMMIT, PINNED_DAEMON_CONTRACT } from './load';

/** The verdict is kept between runs, keyed by both contracts, the client mapping and the rules' own source. */
const CACHE_FILE = fromRoot('node_modules', '.cache', 'flecs-console-conformance', 'pinned-contract.json');

function sourcesOf(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(directory, entry.name);
    return entry.isDirectory() ? sourcesOf(file) : entry.name.endsWith('.ts') ? [file] : [];
  });
}

function cacheKey(contract: string): string {
  const hash = createHash('sha256');
  for (const file of [PINNED_DAEMON_CONTRACT, contract, CLIENTS_FILE, ...sourcesOf(__dirname).sort()]) hash.update(file).update(fs.readFileSync(file));
  return hash.digest('hex');
}

interface Cached {
  key: string;
  warning?: string;
}

/** The cache only saves time: one that cannot be read or written is as good as none. */
function readCache(file: string): Cached | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Cached;
  } catch {
    return undefined;
  }
}

function writeCache(file: string, cached: Cached): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(cached));
  } catch {
    // A read-only node_modules: the next run compares again.
  }
}

async function compareWithPinned(contract: string): Promise<string | undefined> {
  // Loaded only when the cache misses: the comparison's module graph (yaml, lint, swagger-parser) costs more than a hit.
  const [{ compareContracts }, { loadContractVersion }] = await Promise.all([import('./compare'), import('./load')]);
  // Both are known valid (a fixture; the contract the run itself validates): dereferencing is enough, and cheap.
  const result = compareContracts(await loadContractVersion('BASE', PINNED_DAEMON_CONTRACT, true), await loadContractVersion('HEAD', contract, true), { errata: [] });
  const errors = result.findings.filter((finding) => finding.severity === 'ERROR');
  if (errors.length === 0) return undefined;
  const daemon = errors.filter((finding) => finding.clients.includes('daemon')).length;
  return `warning: ${path.relative(fromRoot(), contract)} breaks the daemon's pinned contract ${PINNED_DAEMON_COMMIT}: ${errors.length} ERROR change${errors.length === 1 ? '' : 's'}, ${daemon} in operations the daemon calls (npm run contract-diff)`;
}

/**
 * For the header of `npm run conformance`: a line when `contract` (default openapi.yaml) breaks the contract the
 * field's daemons compile against in an ERROR way; undefined when it does not.
 */
export async function pinnedContractWarning(contract = CONTRACT_FILE, cacheFile = CACHE_FILE): Promise<string | undefined> {
  try {
    const key = cacheKey(contract);
    const cached = readCache(cacheFile);
    if (cached?.key === key) return cached.warning;
    const warning = await compareWithPinned(contract);
    writeCache(cacheFile, { key, warning });
    return warning;
  } catch (error) {
    // The run goes on: its header says the comparison could not be made rather than staying silent.
    return `warning: ${path.relative(fromRoot(), contract)} could not be compared with the daemon's pinned contract ${PINNED_DAEMON_COMMIT}: ${(error as Error).message}`;
  }
}
