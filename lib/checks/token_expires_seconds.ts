import { realClient } from './basis';
import { isLogin200, loginData, TEN_YEARS_S, U32_MAX } from './login-data';
import { failure, type Check } from './types';

/** Real clients (real-clients.md 24): token_expires is Unix seconds, not milliseconds, and fits 32 bits. */
export const tokenExpiresSeconds: Check = {
  name: 'token_expires_seconds',
  title: 'Login token_expires is Unix seconds in the future, within 32 bits',
  requirement: 'data.jwt.token_expires is Unix seconds in [0, 2^32-1] (daemon and web UI read it as seconds).',
  strength: 'SHOULD',
  basis: [realClient(24)],
  appliesTo: isLogin200,
  run(exchange) {
    const expires = loginData(exchange)?.jwt?.token_expires;
    if (expires === undefined) return undefined; // absence is response_schema_conformance's (nothing is required there)
    const now = Date.now() / 1000;
    if (typeof expires === 'number' && Number.isInteger(expires) && expires <= U32_MAX && expires > now - 60 && expires < now + TEN_YEARS_S) return undefined;
    return failure(this, exchange, `Unix seconds between now (${Math.floor(now)}) and ten years ahead, ≤ ${U32_MAX}`, JSON.stringify(expires));
  },
};
