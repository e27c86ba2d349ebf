import * as fs from 'node:fs';
import { fromRoot } from '../paths';

export const CLIENTS_FILE = fromRoot('fixtures', 'contracts', 'clients.json');

export interface RealClient {
  name: string;
  description: string;
  /** operationId → what the client does with it and the real-client item that says so. */
  operations: Record<string, string>;
}

export const loadClients = (): RealClient[] => (JSON.parse(fs.readFileSync(CLIENTS_FILE, 'utf8')) as { clients: RealClient[] }).clients;

/** The clients that call any of the operation's ids (BASE's and HEAD's differ when the id was renamed). */
export const clientsOf = (clients: RealClient[], ...operationIds: string[]): string[] =>
  clients.filter((client) => operationIds.some((id) => id in client.operations)).map((client) => client.name);
