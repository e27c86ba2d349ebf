import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { HttpError } from './wire';

const ISSUER = 'urn:indep-console';
const LIFETIME_S = 2 * 60 * 60;

/** JWTs signed with a key that lives as long as the server (HS384). */
export class TokenIssuer {
  private readonly key = new Uint8Array(randomBytes(48));

  async issue(userId: number): Promise<{ token: string; token_expires: number }> {
    const expires = Math.floor(Date.now() / 1000) + LIFETIME_S;
    const token = await new SignJWT({ scope: 'console' })
      .setProtectedHeader({ alg: 'HS384', typ: 'JWT' })
      .setSubject(String(userId))
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(expires)
      .sign(this.key);
    return { token, token_expires: expires };
  }

  /** The user ID the token was issued to; undefined for anything not issued here, tampered or expired. */
  async userIdOf(token: string): Promise<number | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS384'] });
      const id = Number(payload.sub);
      return Number.isSafeInteger(id) ? id : undefined;
    } catch {
      return undefined;
    }
  }
}

/** RFC 9110 §11.1: the auth-scheme is case-insensitive, so "bearer x" is a bearer credential too. */
const BEARER = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

export const bearerToken = (authorization: string | undefined): string | undefined => BEARER.exec(authorization ?? '')?.[1];

/** RFC 9110 §15.5.2: a 401 carries a WWW-Authenticate challenge; RFC 6750 §3.1 names the error. */
export function unauthorized(presented: boolean): HttpError {
  const challenge = presented ? 'Bearer realm="console", error="invalid_token"' : 'Bearer realm="console"';
  return new HttpError(401, presented ? 'Invalid bearer token' : 'Missing bearer token', { 'WWW-Authenticate': challenge });
}
