import { parseArgs } from 'node:util';
import { startProxy } from '../lib/har/proxy';
import { HarWriter } from '../lib/har/record';
import { reportTraffic } from '../lib/har/report';
import { loadContract } from '../lib/spec/compiled';
import { readConfig } from '../lib/target/config';
import { configuredProfile } from '../lib/target/target';

const USAGE = `usage: npm run proxy -- --target URL [--port N] [--host ADDRESS] [--record FILE] [--profile FILE] [--strict] [--strict-clients]
  a validating reverse proxy: forwards every request to the target unchanged, prints one line per finding,
  writes the reports (console, JUnit, Allure, matrix) on Ctrl-C / SIGTERM, and with --record a redacted HAR`;

async function main(): Promise<number> {
  let target: URL;
  let values: { port?: string; host?: string; record?: string };
  try {
    const parsed = parseArgs({
      args: process.argv.slice(2),
      options: {
        target: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        record: { type: 'string' },
        profile: { type: 'string' },
        strict: { type: 'boolean' },
        'strict-clients': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }).values;
    if (parsed.help) {
      console.log(USAGE);
      return 0;
    }
    if (!parsed.target) throw new Error(`--target URL is required\n${USAGE}`);
    target = new URL(parsed.target);
    if (!/^https?:$/.test(target.protocol)) throw new Error(`--target must be http(s): ${parsed.target}`);
    if (parsed.port !== undefined && !/^\d+$/.test(parsed.port)) throw new Error(`--port must be a number, got "${parsed.port}"`);
    if (parsed.profile) process.env.CONSOLE_PROFILE = parsed.profile;
    if (parsed.strict) process.env.CONSOLE_STRICT = 'true';
    if (parsed['strict-clients']) process.env.CONSOLE_STRICT_CLIENTS = 'true';
    configuredProfile(readConfig());
    values = parsed;
  } catch (error) {
    console.error(`proxy: ${(error as Error).message}`);
    return 2;
  }

  const recorder = values.record ? new HarWriter(values.record) : undefined;
  const proxy = await startProxy({ target: target.href, contract: await loadContract(readConfig().strict), port: values.port === undefined ? 8888 : Number(values.port), host: values.host, recorder });
  console.log(`proxy: ${proxy.url} → ${target.origin}${target.pathname.replace(/\/$/, '')}; checking every exchange (Ctrl-C writes the reports)`);

  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await stopped;
  await proxy.close();
  if (recorder) {
    recorder.close();
    console.log(`Recorded traffic (redacted HAR): ${values.record}`);
  }
  return reportTraffic(proxy.traffic, `the proxy to ${target.origin}`);
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`proxy: ${error.message}`);
    process.exit(2);
  },
);
