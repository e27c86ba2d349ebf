import type { Exchange } from '../http/exchange';

export const U32_MAX = 2 ** 32 - 1;
export const TEN_YEARS_S = 10 * 365 * 24 * 3600;

/** data of a login 200 body, or undefined when the body is not shaped like one. */
export const loginData = (exchange: Exchange): Record<string, Record<string, unknown>> | undefined => {
  const body = exchange.response?.body;
  if (body?.kind !== 'json' || typeof body.value !== 'object' || body.value === null) return undefined;
  const data = (body.value as Record<string, unknown>).data;
  return data && typeof data === 'object' ? (data as Record<string, Record<string, unknown>>) : undefined;
};

export const isLogin200 = (exchange: Exchange): boolean =>
  exchange.operation?.operationId === 'post-api-v2-auth-login' && exchange.response?.status === 200;

