import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadProfile, REFERENCE_PROFILE_FILE } from '../lib/target/profile';
import { createTarget } from '../lib/target/target';
import { allRunnables, runAll } from '../lib/scenario/collect';
import type { Exchange } from '../lib/http/exchange';
import { startServer } from '../server';
import { loadReferenceData } from '../server/data';
import { harOf, rawEntry, runCli } from './support/har';

const PASSWORDS = ['Sekret-Pass-one-7f3a9c', 'Sekret-Pass-two-2b8d41', 'Sekret-Pass-three-c0ffee'];
const LICENCE_KEYS = ['LK-SEKRET-9D2E-0001', 'LK-SEKRET-9D2E-0002', 'LK-SEKRET-9D2E-0003'];
const COOKIE = 'cookie-SEKRET-4242-abcdef';
const JWT = /eyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]{10,}/;
const DOWNLOAD_PASSWORD = /pw-[\w-]{20,}/;
const UUID = /[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}/g;

const filesUnder = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));

test('a HAR exported unredacted (passwords, licence keys, JWTs, session ids, cookies) leaks none of them into any output of --har', async () => {
  const data = loadReferenceData();
  data.users.forEach((user, i) => (user.password = PASSWORDS[i]));
  data.licenseKeys.splice(0, 3, ...LICENCE_KEYS);
  // A fault that fails activation exchanges, so findings with curl lines are printed.
  const server = await startServer({ data, fault: 'activate-session-uppercase' });
  const profile = loadProfile(REFERENCE_PROFILE_FILE);
  const exchanges: Exchange[] = [];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'har-secrets-'));
  try {
    const target = await createTarget({
      baseUrl: server.url,
      profile: { ...profile, users: profile.users.map((user, i) => ({ ...user, password: PASSWORDS[i] })), userWithoutLicences: profile.userWithoutLicences && { ...profile.userWithoutLicences, password: PASSWORDS[2] }, licenseKeys: LICENCE_KEYS },
      config: { runId: 'harsecrets' },
      embedded: true,
    });
    target.http.onExchange((exchange) => exchanges.push(exchange));
    await runAll(allRunnables({ seed: 3, numRuns: 3, shrink: false }).filter((r) => r.kind === 'scenario' && /license|tokens|login/.test(r.operationId)), target);
  } finally {
    await server.close();
  }
  const sessionIds = new Set(exchanges.flatMap((exchange) => `${exchange.response?.headers['x-session-id'] ?? ''} ${exchange.operation?.operationId === 'post-api-v2-device-license-activate' ? exchange.response?.bodyText : ''}`.match(UUID) ?? []));
  expect(sessionIds.size).toBeGreaterThan(0);
  const file = path.join(work, 'browser.har');
  fs.writeFileSync(file, harOf(exchanges.filter((exchange) => exchange.response).map((exchange) => rawEntry(exchange, { Cookie: `sid=${COOKIE}` }))));
  const raw = fs.readFileSync(file, 'utf8');
  expect(raw).toContain(LICENCE_KEYS[0]);
  expect(JWT.test(raw)).toBe(true);

  const reports = path.join(work, 'reports');
  try {
    const run = await runCli('conformance', ['--har', file], { CONSOLE_REPORTS_DIR: reports });
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/curl -i -X POST .*«redacted»/);
    const texts: Array<[string, string]> = [['console output', run.stdout + run.stderr], ...filesUnder(reports).map((name): [string, string] => [path.relative(work, name), fs.readFileSync(name, 'latin1')])];
    const leaks = texts.flatMap(([name, text]) => [
      ...[...PASSWORDS, ...LICENCE_KEYS, COOKIE, ...sessionIds].filter((secret) => text.includes(secret)).map((secret) => `${name}: ${secret.slice(0, 12)}…`),
      ...(JWT.test(text) ? [`${name}: a JWT`] : []),
      ...(DOWNLOAD_PASSWORD.test(text) ? [`${name}: a download password`] : []),
    ]);
    expect(leaks).toEqual([]);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}, 120_000);
