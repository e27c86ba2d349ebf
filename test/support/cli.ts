import { spawn } from 'node:child_process';
import { fromRoot } from '../../lib/paths';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** One of the project's commands (cli/<name>.ts) as a user runs it, not on a terminal. */
export function runCli(name: 'conformance' | 'report', args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [fromRoot('node_modules', 'tsx', 'dist', 'cli.mjs'), fromRoot('cli', `${name}.ts`), ...args], {
      cwd: fromRoot(),
      env: { ...process.env, FC_SEED: '7', PROPERTY_RUNS: '5', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
