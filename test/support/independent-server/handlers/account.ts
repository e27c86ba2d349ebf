import { timingSafeEqual } from 'node:crypto';
import { type Call, isObject, jsonBody, objectBody } from '../call';
import type { UserRecord } from '../state';
import { HttpError, type Reply } from '../wire';

const LOGIN_FIELDS = new Set(['username', 'password', 'issueJWT']);
const WRONG_CREDENTIALS = 'Sorry, the password you entered is incorrect. Please verify your input or let us help you recover your account.';

function passwordMatches(user: UserRecord, password: string): boolean {
  const expected = Buffer.from(user.password);
  const given = Buffer.from(password);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The request schema has additionalProperties: false and string/boolean fields; both credentials are needed to log in. */
function loginRequest(call: Call): { username: string; password: string; issueJWT: boolean } {
  const body = objectBody(call, 'username and password');
  const unknown = Object.keys(body).filter((key) => !LOGIN_FIELDS.has(key));
  if (unknown.length > 0) throw new HttpError(400, `Unknown property ${unknown[0].slice(0, 40)}`);
  const { username, password, issueJWT } = body;
  if (typeof username !== 'string' || username === '') throw new HttpError(400, 'username must be a non-empty string');
  if (typeof password !== 'string' || password === '') throw new HttpError(400, 'password must be a non-empty string');
  if (issueJWT !== undefined && typeof issueJWT !== 'boolean') throw new HttpError(400, 'issueJWT must be a boolean');
  return { username, password, issueJWT: issueJWT === true };
}

/** POST /api/v2/auth/login. A JWT only when asked for with issueJWT: true (the contract's request example sends it). */
export async function login(call: Call): Promise<Reply> {
  const request = loginRequest(call);
  const user = call.state.userByLogin(request.username);
  if (!user || !passwordMatches(user, request.password)) throw new HttpError(403, WRONG_CREDENTIALS);
  const data: Record<string, unknown> = {
    user: { ID: user.ID, display_name: user.display_name, user_email: user.user_email, user_login: user.user_login },
    feature_flags: { ...user.feature_flags },
  };
  if (request.issueJWT) data.jwt = await call.tokens.issue(user.ID);
  // additionalProperties: false at every level: nothing beyond the schema here.
  return { status: 200, body: { statusCode: 200, statusText: 'OK', data } };
}

/** The token of a body that is exactly {jwt: {token: string}}; anything else validates nothing. */
function presentedToken(call: Call): string | undefined {
  const body = jsonBody(call);
  if (body.kind !== 'value' || !isObject(body.value)) return undefined;
  const { jwt, ...rest } = body.value;
  if (Object.keys(rest).length > 0 || !isObject(jwt)) return undefined;
  const { token, ...jwtRest } = jwt;
  return Object.keys(jwtRest).length === 0 && typeof token === 'string' ? token : undefined;
}

/** POST /api/v2/auth/validate: its only documented answer is 200, so every verdict is isValid. */
export async function validateToken(call: Call): Promise<Reply> {
  const token = presentedToken(call);
  const userId = token === undefined ? undefined : await call.tokens.userIdOf(token);
  const user = userId === undefined ? undefined : call.state.userById(userId);
  const data = user ? { isValid: true, feature_flags: { ff: { ...user.feature_flags } } } : { isValid: false };
  return { status: 200, body: { statusCode: 200, statusText: 'OK', data } };
}
