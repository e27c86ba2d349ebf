import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fromRoot } from '../lib/paths';
import { startServer, type RunningServer } from '../server';

/** A command line as a user pastes it into a shell, in the project, with a reports folder of its own. */
function shell(line: string, env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-replay-'));
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', line], { cwd: fromRoot(), env: { ...process.env, CONSOLE_REPORTS_DIR: reports, ...env } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      fs.rmSync(reports, { recursive: true, force: true });
      resolve({ code, output });
    });
  });
}

const replayOf = (output: string): string => /^ {2}replay: (.+)$/m.exec(output)?.[1] ?? '';
const findingOf = (output: string): string[] => [/^\[(\w+)\] MUST/m.exec(output)?.[1] ?? '', /^ {2}Actual: {3}(.*)$/m.exec(output)?.[1] ?? ''];

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ fault: 'activate-ignores-active-session' });
});
afterAll(() => server.close());

test.each([
  ['the stateful model', 'post-api-v2-device-license-activate › property › licences and sessions behave like the model'],
  ['a scenario', 'post-api-v2-device-license-activate › 204 › activating again with the active session gives 204 and that same session'],
])('the replay line of %s, pasted as printed, gives the same failure again', async (_kind, id) => {
  const first = await shell(`npm run conformance -- --only '${id}' --target ${server.url} --profile fixtures/targets/reference.json`, { FC_SEED: '11', PROPERTY_RUNS: '30' });
  expect(first.code).toBe(1);
  const replay = replayOf(first.output);
  expect(replay).toContain(`--target '${server.url}'`);
  expect(replay).not.toMatch(/replayPath=/);
  const again = await shell(replay, { FC_SEED: '', PROPERTY_RUNS: '' });
  expect({ code: again.code, finding: findingOf(again.output) }).toEqual({ code: 1, finding: findingOf(first.output) });
}, 120_000);
