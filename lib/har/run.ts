import { parseArgs } from 'node:util';
import { loadContract } from '../spec/compiled';
import { readConfig } from '../target/config';
import { configuredProfile } from '../target/target';
import { HarReadError, readHarEntries } from './read';
import { reportTraffic } from './report';
import { TrafficCheck } from './traffic';

export const HAR_USAGE = `usage: npm run conformance -- --har FILE [FILE…] [--profile FILE] [--strict] [--strict-clients]
  checks every entry of the HAR files against the contract; no request is sent`;

/** Reads one HAR file into the traffic check, entry by entry. */
export async function checkHarFile(file: string, traffic: TrafficCheck): Promise<number> {
  return readHarEntries(file, (entry, index) => {
    const started = (entry as { startedDateTime?: unknown } | null)?.startedDateTime;
    traffic.addEntry(entry, { source: file, index, startedDateTime: typeof started === 'string' ? started.slice(0, 40) : '(no startedDateTime)' });
  });
}

/** `npm run conformance -- --har FILE…`: exit 0 conformant, 1 findings, 2 a file cannot be read as HAR. */
export async function runHar(argv: string[]): Promise<number> {
  let files: string[];
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { har: { type: 'boolean' }, profile: { type: 'string' }, strict: { type: 'boolean' }, 'strict-clients': { type: 'boolean' }, help: { type: 'boolean' } },
    });
    if (values.help) {
      console.log(HAR_USAGE);
      return 0;
    }
    if (positionals.length === 0) throw new Error(`--har needs at least one file\n${HAR_USAGE}`);
    files = positionals;
    if (values.profile) process.env.CONSOLE_PROFILE = values.profile;
    if (values.strict) process.env.CONSOLE_STRICT = 'true';
    if (values['strict-clients']) process.env.CONSOLE_STRICT_CLIENTS = 'true';
    configuredProfile(readConfig());
  } catch (error) {
    console.error(`conformance: ${(error as Error).message}`);
    return 2;
  }
  const traffic = new TrafficCheck(await loadContract(readConfig().strict));
  for (const file of files) {
    try {
      await checkHarFile(file, traffic);
    } catch (error) {
      if (!(error instanceof HarReadError)) throw error;
      console.error(`conformance: ${error.message}`);
      return 2;
    }
  }
  return reportTraffic(traffic, files.length === 1 ? files[0] : `${files.length} HAR files`);
}
