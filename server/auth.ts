import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { UserRecord } from './data';

export const TOKEN_LIFETIME_S = 3600;
const BEARER = /^Bearer (\S+)$/;

/** HS256 JWTs with a secret of this server instance only: a token from another server never verifies. */
export class TokenIssuer {
  private readonly secret = new Uint8Array(randomBytes(32));

  async issue(user: UserRecord): Promise<{ token: string; expires: number }> {
    const expires = Math.floor(Date.now() / 1000) + TOKEN_LIFETIME_S;
    const token = await new SignJWT({ name: user.username })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(String(user.id))
      .setIssuedAt()
      .setExpirationTime(expires)
      .sign(this.secret);
    return { token, expires };
  }

  /** The user id a token was issued to, or undefined for anything forged, expired, unsigned or malformed. */
  async verify(token: string): Promise<number | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.secret, { algorithms: ['HS256'] });
      const id = Number(payload.sub);
      return Number.isInteger(id) ? id : undefined;
    } catch {
      return undefined;
    }
  }

  /** The user id behind an `Authorization: Bearer <jwt>` header value. */
  async verifyHeader(header: string | undefined): Promise<number | undefined> {
    const match = header === undefined ? null : BEARER.exec(header);
    return match ? this.verify(match[1]) : undefined;
  }
}
