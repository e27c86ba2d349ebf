import { randomBytes } from 'node:crypto';
import { SignJWT, UnsecuredJWT, decodeJwt } from 'jose';

/** Bearer tokens a correct server must refuse, derived from a real one (or made up when none is at hand). */
export type BadTokenKind = 'tampered' | 'forged' | 'expired' | 'alg-none';

const foreignSecret = new Uint8Array(randomBytes(32));

function claimsOf(token: string | undefined): Record<string, unknown> {
  try {
    return token ? { ...decodeJwt(token) } : { sub: '1' };
  } catch {
    return { sub: '1' };
  }
}

export async function badToken(kind: BadTokenKind, issued?: string): Promise<string> {
  const claims = claimsOf(issued);
  const now = Math.floor(Date.now() / 1000);
  switch (kind) {
    case 'tampered': {
      // The server's own signature over a payload that now names another subject.
      if (!issued) return badToken('forged');
      const [header, , signature] = issued.split('.');
      const payload = Buffer.from(JSON.stringify({ ...claims, sub: String(Number(claims.sub ?? 0) + 1) })).toString('base64url');
      return `${header}.${payload}.${signature}`;
    }
    case 'forged':
      return new SignJWT({ ...claims, exp: now + 3600 }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(foreignSecret);
    case 'expired':
      return new SignJWT({ ...claims, iat: now - 7200, exp: now - 3600 }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(foreignSecret);
    case 'alg-none':
      return new UnsecuredJWT({ ...claims, exp: now + 3600 }).encode();
  }
}
