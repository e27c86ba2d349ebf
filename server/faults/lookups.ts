import type { FastifyRequest } from 'fastify';
import { header, requireSession, SESSION_ID, storeFromQuery, type HandlerContext } from '../context';
import { HttpError } from '../errors';
import type { LicenceRecord, ServerState, SessionRecord } from '../state';

/**
 * What the faults that loosen or break a lookup of server/context.ts, or a user licence's key, do instead. They
 * wrap or rework the correct code and live beside the faults, so the correct code has no fault branch to mutate.
 */

/** manifests-ignores-session, tokens-ignores-session: any well-formed session id is taken for a session. */
export function sessionOfAnyWellFormedId(context: HandlerContext, request: FastifyRequest): { session: SessionRecord } {
  try {
    return requireSession(context, request);
  } catch (error) {
    const id = header(request, 'x-session-id') ?? '';
    if (!SESSION_ID.test(id)) throw error;
    return { session: { id, timestamp: Math.floor(Date.now() / 1000) } };
  }
}

/** storeFromQuery, but a store_id that is no integer (which it refuses with 400) gets `instead`. */
const storeOr =
  (instead: () => number | undefined) =>
  (context: HandlerContext, request: FastifyRequest): number | undefined => {
    try {
      return storeFromQuery(context, request);
    } catch (error) {
      if (error instanceof HttpError && error.status === 400) return instead();
      throw error;
    }
  };

/** products-accepts-bad-store-id: a store_id that is no integer is taken as absent (the default store). */
export const storeOrDefault = storeOr(() => undefined);

/** products-apps-bad-store-id-500: a store_id that is no integer crashes the handler (a 500). */
export const storeOrCrash = storeOr(() => {
  throw new Error('cannot parse store_id');
});

/** activate-user-licence-keys-shared: the licence is issued under its user's one key, which then names it alone. */
export function underTheUsersKey(state: ServerState, licence: LicenceRecord): LicenceRecord {
  const shared = { ...licence, key: `UL-${licence.userId}` };
  state.licences.delete(licence.key);
  state.licences.set(shared.key, shared);
  return shared;
}
