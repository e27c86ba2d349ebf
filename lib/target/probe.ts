import { HttpClient, type SendOptions } from '../http/client';
import type { Exchange } from '../http/exchange';

/**
 * Requests that any FLECS Console answers without credentials (a listing, a login and a token request without
 * a body): sent together, so one hanging operation is that operation's finding, not a run that cannot be made.
 */
export const PROBES: SendOptions[] = [
  { method: 'GET', path: '/api/v2/products' },
  { method: 'POST', path: '/api/v2/auth/login', json: {} },
  { method: 'POST', path: '/api/v2/auth/validate', json: {} },
];

/** A transport failure as one line, with the likely fix where there is one. */
function cause(baseUrl: string, exchange: Exchange): string {
  const message = (exchange.error?.message ?? 'no response').replace(/\s+/g, ' ').slice(0, 300);
  if (baseUrl.startsWith('https:') && /EPROTO|wrong version number|SSL|TLS/i.test(message)) {
    return `cannot use target ${baseUrl}: the port does not speak TLS (try ${baseUrl.replace(/^https:/, 'http:')})`;
  }
  return `cannot use target ${baseUrl}: ${exchange.error?.kind ?? 'no response'} (${message})`;
}

/**
 * Whether the target speaks HTTP at all: undefined as soon as one probe gets any HTTP response, else the
 * cause of the first failure in one line. Each probe has the run's own per-request deadline.
 */
export async function probeTarget(baseUrl: string, timeoutMs: number): Promise<string | undefined> {
  const client = new HttpClient({ baseUrl, timeoutMs, concurrency: PROBES.length });
  const failures: Exchange[] = [];
  return new Promise((resolve) => {
    for (const probe of PROBES) {
      void client.send(probe).then((exchange) => {
        if (exchange.response) resolve(undefined);
        else if (failures.push(exchange) === PROBES.length) resolve(cause(baseUrl, failures[0]));
      });
    }
  });
}
