import type { AddressInfo } from 'node:net';
import { fromRoot } from '../../../lib/paths';
import { loadProfile, type Profile } from '../../../lib/target/profile';
import { createIndependentServer, DEFAULT_RATE_LIMIT } from './server';

const INDEPENDENT_PROFILE_FILE = fromRoot('fixtures', 'targets', 'independent.json');

export interface IndependentServer {
  url: string;
  profile: Profile;
  close(): Promise<void>;
}

/**
 * A second FLECS Console written from the contract alone, in plain node:http, taking the other correct
 * reading wherever the contract is silent or loose. Listens on 127.0.0.1, port 0 unless told.
 */
export async function startIndependentServer(options: { port?: number; rateLimit?: number } = {}): Promise<IndependentServer> {
  const server = createIndependentServer({ rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    profile: loadProfile(INDEPENDENT_PROFILE_FILE),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
