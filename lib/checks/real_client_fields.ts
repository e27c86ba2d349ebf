import { failure, type Check } from './types';

const U32_MAX = 2 ** 32 - 1;
const TEN_YEARS_S = 10 * 365 * 24 * 3600;

const loginData = (exchange: Parameters<Check['run']>[0]): Record<string, Record<string, unknown>> | undefined => {
  const body = exchange.response?.body;
  if (body?.kind !== 'json' || typeof body.value !== 'object' || body.value === null) return undefined;
  const data = (body.value as Record<string, unknown>).data;
  return data && typeof data === 'object' ? (data as Record<string, Record<string, unknown>>) : undefined;
};

const isLogin200 = (exchange: Parameters<Check['appliesTo']>[0]): boolean =>
  exchange.operation?.operationId === 'post-api-v2-auth-login' && exchange.response?.status === 200;

/** Real clients (real-clients.md 24): token_expires is Unix seconds, not milliseconds, and fits 32 bits. */
export const tokenExpiresSeconds: Check = {
  name: 'token_expires_seconds',
  title: 'Login token_expires is Unix seconds in the future, within 32 bits',
  requirement: 'data.jwt.token_expires is Unix seconds in [0, 2^32-1] (daemon and web UI read it as seconds).',
  strength: 'SHOULD',
  appliesTo: isLogin200,
  run(exchange) {
    const expires = loginData(exchange)?.jwt?.token_expires;
    if (expires === undefined) return undefined; // absence is response_schema_conformance's (nothing is required there)
    const now = Date.now() / 1000;
    if (typeof expires === 'number' && Number.isInteger(expires) && expires <= U32_MAX && expires > now - 60 && expires < now + TEN_YEARS_S) return undefined;
    return failure(this, exchange, `Unix seconds between now (${Math.floor(now)}) and ten years ahead, ≤ ${U32_MAX}`, JSON.stringify(expires));
  },
};

/** Real clients (real-clients.md 24): user.ID is an integer in [0, 2^32-1]. */
export const userIdU32: Check = {
  name: 'user_id_u32',
  title: 'Login user.ID fits an unsigned 32-bit integer',
  requirement: 'data.user.ID is an integer in [0, 2^32-1] (the daemon stores it as u32).',
  strength: 'SHOULD',
  appliesTo: isLogin200,
  run(exchange) {
    const id = loginData(exchange)?.user?.ID;
    if (id === undefined || (typeof id === 'number' && Number.isInteger(id) && id >= 0 && id <= U32_MAX)) return undefined;
    return failure(this, exchange, `an integer in [0, ${U32_MAX}]`, JSON.stringify(id));
  },
};
