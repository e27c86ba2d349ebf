import { parseArgs } from 'node:util';
import { startIndependentServer } from './index';

/** npx tsx test/support/independent-server/cli.ts --port 8081 [--rate-limit 150] (0 = no rate limit) */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, 'rate-limit': { type: 'string' } } });
  const port = Number(values.port);
  const rateLimit = values['rate-limit'] === undefined ? undefined : Number(values['rate-limit']);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || (rateLimit !== undefined && !(rateLimit >= 0))) {
    console.error('usage: cli.ts [--port N] [--rate-limit N]');
    process.exit(2);
  }
  const server = await startIndependentServer({ port, rateLimit });
  console.log(`independent FLECS Console listening on ${server.url} (profile fixtures/targets/independent.json)`);
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
