import { HttpClient } from '../http/client';

/** One request to see that the target speaks HTTP at all; the cause in one line when it does not. */
export async function probeTarget(baseUrl: string, timeoutMs: number): Promise<string | undefined> {
  const client = new HttpClient({ baseUrl, timeoutMs: Math.min(timeoutMs, 5000), concurrency: 1 });
  const exchange = await client.send({ method: 'GET', path: '/api/v2/products' });
  if (exchange.error) return `cannot use target ${baseUrl}: ${exchange.error.kind} (${exchange.error.message})`;
  return undefined;
}
