import { parseArgs } from 'node:util';
import { FAULT_NAMES, faultDefinition, type FaultName } from './faults';
import { startServer } from './index';

const USAGE = `usage: npm run server -- [options]
  --port N          port to listen on (default 8080; 0 = any free port)
  --host ADDRESS    address to listen on (default 127.0.0.1)
  --fault NAME      switch one named fault on (--list-faults shows them)
  --list-faults     each fault: name, category, the check that must catch it, what it breaks
  -h, --help        this text
The server stops on SIGINT, SIGTERM and SIGHUP, and when the process that started it goes away.`;

/** How often the server looks whether its parent (npm, a shell, a test) is still there. */
const PARENT_POLL_MS = 500;

function fail(message: string): never {
  console.error(`server: ${message}`);
  process.exit(2);
}

function parse(): { port: number; host: string; fault?: FaultName; listFaults: boolean } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '8080' },
        host: { type: 'string', default: '127.0.0.1' },
        fault: { type: 'string' },
        'list-faults': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    fail(`${(error as Error).message.split('.')[0]} (npm run server -- --help)`);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = String(values.port);
  if (!/^\d+$/.test(port) || Number(port) > 65535) fail(`--port must be an integer from 0 to 65535, got "${port}"`);
  const fault = values.fault as string | undefined;
  if (fault !== undefined && !FAULT_NAMES.includes(fault as FaultName)) {
    const near = FAULT_NAMES.filter((name) => name.includes(fault) || fault.includes(name));
    fail(`no fault "${fault}"${near.length > 0 ? `; did you mean ${near.slice(0, 3).join(', ')}?` : ''} (npm run server -- --list-faults)`);
  }
  return { port: Number(port), host: String(values.host), fault: fault as FaultName | undefined, listFaults: values['list-faults'] === true };
}

function listFaults(): void {
  const width = Math.max(...FAULT_NAMES.map((name) => name.length)) + 2;
  const checkWidth = Math.max(...FAULT_NAMES.map((name) => faultDefinition(name).check.length)) + 2;
  console.log(`${'fault'.padEnd(width)}${'category'.padEnd(18)}${'caught by'.padEnd(checkWidth)}what it breaks`);
  for (const name of FAULT_NAMES) {
    const { category, check, operationId, description } = faultDefinition(name);
    console.log(`${name.padEnd(width)}${category.padEnd(18)}${check.padEnd(checkWidth)}${operationId === '*' ? 'every operation' : operationId}: ${description}`);
  }
}

// Output piped into `head` that closed early is not an error of the program.
process.stdout.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? 0 : 2));

/** `npm run server -- --port 8080 [--fault NAME]`: the reference server for people developing clients. */
async function main(): Promise<void> {
  const options = parse();
  if (options.listFaults) return listFaults();
  const server = await startServer({ port: options.port, host: options.host, fault: options.fault }).catch((error: NodeJS.ErrnoException) =>
    fail(error.code === 'EADDRINUSE' ? `port ${options.port} on ${options.host} is in use` : error.code === 'EADDRNOTAVAIL' ? `cannot listen on ${options.host}` : error.message),
  );
  console.log(`FLECS Console reference server listening on ${server.url}${options.fault ? ` with fault ${options.fault}` : ''}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // A hung keep-alive connection must not keep the port: exit even if closing takes long.
    setTimeout(() => process.exit(0), 2000).unref();
    void server.close().then(() => process.exit(0));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
  // `npm run server &` then `kill %1` signals npm, which may die without passing it on: when the parent
  // is gone the process is re-parented, and the server stops rather than hold the port for nobody.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop();
  }, PARENT_POLL_MS).unref();
}

main().catch((error: Error) => fail(error.message));
