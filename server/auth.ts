import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { UserRecord } from './data';

export const TOKEN_LIFETIME_S = 3600;
const BEARER = 'Bearer ';

/**
 * The token of an `Authorization: Bearer <jwt>` header value, if it is one. Whatever follows the scheme is the
 * token: anything with text around a JWT then fails verification, as a token that is no JWT does.
 */
export const bearerToken = (header: string | undefined): string | undefined => (header?.startsWith(BEARER) ? header.slice(BEARER.length) : undefined);

/** HS256 JWTs with a secret of this server instance only: a token from another server never verifies. */
export class TokenIssuer {
  private readonly secret = new Uint8Array(randomBytes(32));

  async issue(user: UserRecord): Promise<{ token: string; expires: number }> {
    const expires = Math.floor(Date.now() / 1000) + TOKEN_LIFETIME_S;
    // Stryker disable next-line ObjectLiteral: claims besides sub and exp are the server's own; the contract only says the token is a string
    const token = await new SignJWT({ name: user.username })
      .setProtectedHeader({
        alg: 'HS256',
        // Stryker disable next-line StringLiteral: the JWT typ header is optional (RFC 7519 §5.1); no client reads it
        typ: 'JWT',
      })
      .setSubject(String(user.id))
      .setIssuedAt()
      .setExpirationTime(expires)
      .sign(this.secret);
    return { token, expires };
  }

  /** The user id a token was issued to, or undefined for anything forged, expired, unsigned or malformed. */
  async verify(token: string | undefined): Promise<number | undefined> {
    // Stryker disable next-line ObjectLiteral,StringLiteral: with a 32-byte secret jose accepts only HMAC algorithms and never alg none, so only this server's own tokens verify either way; no token is the empty one, which never verifies
    const verified = await jwtVerify(token ?? '', this.secret, { algorithms: ['HS256'] }).catch(() => undefined);
    const id = Number(verified?.payload.sub);
    return Number.isInteger(id) ? id : undefined;
  }

  /** The user id behind an `Authorization: Bearer <jwt>` header value. */
  async verifyHeader(header: string | undefined): Promise<number | undefined> {
    return this.verify(bearerToken(header));
  }
}
