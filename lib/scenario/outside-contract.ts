import type { Exchange } from '../http/exchange';

/** Bodies beyond this are no request the contract's clients send (the reference and most proxies refuse 1 MiB). */
export const LARGEST_CONTRACT_BODY = 1024 * 1024;

const mediaType = (headers: Record<string, string>): string | undefined =>
  Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1].split(';')[0].trim().toLowerCase();

const isJson = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** Why the contract does not describe this request (so cannot demand anything of its answer), or undefined. */
export function requestOutsideContract(exchange: Exchange): string | undefined {
  const { request } = exchange;
  if (!exchange.operation) return `${request.method} ${request.path.split('?')[0]} is no operation of the contract`;
  if (request.path.startsWith('//')) return 'a doubled leading slash';
  if (request.body !== undefined && request.body !== '') {
    const type = mediaType(request.headers);
    if (type !== 'application/json') return `a ${type ?? 'untyped'} body`;
    if (request.body.length > LARGEST_CONTRACT_BODY) return `a ${request.body.length}-byte body`;
    if (!isJson(request.body)) return 'a body that is not JSON';
  }
  return undefined;
}
