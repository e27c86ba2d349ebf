import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fromRoot } from '../lib/paths';
import { loadProfile, REFERENCE_PROFILE_FILE } from '../lib/target/profile';
import { startServer } from '../server';
import { loadReferenceData } from '../server/data';

/** Distinctive secrets, so that any leak is found by a plain text search. */
const PASSWORDS = ['Sekret-Pass-one-7f3a9c', 'Sekret-Pass-two-2b8d41', 'Sekret-Pass-three-c0ffee', 'Sekret-Pass-four-5ee4d2'];
const LICENCE_KEYS = ['LK-SEKRET-9D2E-0001', 'LK-SEKRET-9D2E-0002', 'LK-SEKRET-9D2E-0003'];
const JWT = /eyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]{10,}/;
const DOWNLOAD_PASSWORD = /pw-[\w-]{20,}/;

function run(command: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: fromRoot(), env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}

const filesUnder = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));

test('no password, JWT, licence key or download password reaches the console, JUnit, Allure results or the HTML report', async () => {
  const data = loadReferenceData();
  data.users.forEach((user, i) => (user.password = PASSWORDS[i]));
  data.licenseKeys.splice(0, 3, ...LICENCE_KEYS);
  // A fault that fails activation, manifests and tokens scenarios, so failures with curl lines are printed too.
  const server = await startServer({ data, fault: 'activate-timestamp-string' });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'secrets-'));
  const profile = loadProfile(REFERENCE_PROFILE_FILE);
  const profileFile = path.join(work, 'profile.json');
  fs.writeFileSync(
    profileFile,
    JSON.stringify({
      ...profile,
      users: profile.users.map((user, i) => ({ ...user, password: `$env:SECRET_PASSWORD_${i}` })),
      userWithoutLicences: { ...profile.userWithoutLicences, password: PASSWORDS[2] },
      userWithFewLicences: { ...profile.userWithFewLicences, password: PASSWORDS[3] },
      licenseKeys: LICENCE_KEYS,
    }),
  );
  const reports = path.join(work, 'reports');
  const env = { CONSOLE_REPORTS_DIR: reports, FC_SEED: '11', PROPERTY_RUNS: '5', SECRET_PASSWORD_0: PASSWORDS[0], SECRET_PASSWORD_1: PASSWORDS[1] };
  try {
    const tsx = fromRoot('node_modules', 'tsx', 'dist', 'cli.mjs');
    const conformance = await run(process.execPath, [tsx, fromRoot('cli', 'conformance.ts'), '--target', server.url, '--profile', profileFile], env);
    expect(conformance.code).toBe(1);
    const report = await run(process.execPath, [tsx, fromRoot('cli', 'report.ts')], env);
    expect(report.code).toBe(0);

    const texts: Array<[string, string]> = [['console output', conformance.output], ...filesUnder(reports).map((file): [string, string] => [path.relative(work, file), fs.readFileSync(file, 'latin1')])];
    expect(texts.length).toBeGreaterThan(50);
    expect(texts.some(([name]) => name.endsWith('junit.xml'))).toBe(true);
    expect(texts.some(([name]) => name.includes('allure-report'))).toBe(true);
    const leaks = texts.flatMap(([name, text]) => [
      ...[...PASSWORDS, ...LICENCE_KEYS].filter((secret) => text.includes(secret)).map((secret) => `${name}: ${secret}`),
      ...(JWT.test(text) ? [`${name}: a JWT ${JWT.exec(text)![0].slice(0, 12)}…`] : []),
      ...(DOWNLOAD_PASSWORD.test(text) ? [`${name}: a download password`] : []),
    ]);
    expect(leaks).toEqual([]);
    // The run did exercise them: the failures it printed carry redacted curl lines.
    expect(conformance.output).toMatch(/curl -i -X POST .*«redacted»/);
  } finally {
    await server.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}, 240_000);
