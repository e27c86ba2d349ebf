import { parseArgs } from 'node:util';
import { FAULT_NAMES, faultDefinition, type FaultName } from './faults';
import { startServer } from './index';

/** `npm run server -- --port 8080 [--fault NAME]`: the reference server for people developing clients. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      fault: { type: 'string' },
      'list-faults': { type: 'boolean', default: false },
    },
  });
  if (values['list-faults']) {
    for (const name of FAULT_NAMES) console.log(`${name.padEnd(44)} ${faultDefinition(name).description}`);
    return;
  }
  if (values.fault !== undefined) faultDefinition(values.fault);
  const server = await startServer({ port: Number(values.port), host: values.host, fault: values.fault as FaultName | undefined });
  console.log(`FLECS Console reference server listening on ${server.url}${values.fault ? ` with fault ${values.fault}` : ''}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(`error: ${error.message}`);
  process.exit(2);
});
