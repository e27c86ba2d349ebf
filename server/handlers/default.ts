import type { FastifyInstance } from 'fastify';
import { expectType, objectBody, rejectUnknown, success, type HandlerContext } from '../context';
import { HttpError } from '../errors';

/** Tag Default: auth/login and auth/validate. */
export function registerDefault(app: FastifyInstance, context: HandlerContext): void {
  const { state, tokens, faults } = context;

  app.post('/api/v2/auth/login', { config: { operationId: 'post-api-v2-auth-login' } }, async (request, reply) => {
    const body = objectBody(request, { optional: true });
    rejectUnknown(body, ['issueJWT', 'password', 'username']);
    expectType(body.issueJWT, 'boolean', 'issueJWT', false);
    expectType(body.username, 'string', 'username', false);
    expectType(body.password, 'string', 'password', false);
    const user = typeof body.username === 'string' ? state.findUser(body.username) : undefined;
    const passwordOk = user !== undefined && (user.password === body.password || faults.active('login-accepts-wrong-password'));
    if (!user || !passwordOk) throw new HttpError(403, 'Sorry, the password you entered is incorrect.');
    const jwt = await tokens.issue(user);
    return success(reply, 200, {
      feature_flags: { isVendor: user.isVendor, isWhitelabeled: user.isWhitelabeled },
      jwt: { token: jwt.token, token_expires: jwt.expires },
      user: { ID: user.id, display_name: user.displayName, user_email: user.email, user_login: user.username },
    });
  });

  app.post('/api/v2/auth/validate', { config: { operationId: 'post-api-v2-auth-validate' } }, async (request, reply) => {
    const body = objectBody(request, { optional: false });
    rejectUnknown(body, ['jwt']);
    expectType(body.jwt, 'object', 'jwt', true);
    const jwt = body.jwt as Record<string, unknown>;
    rejectUnknown(jwt, ['token'], 'jwt');
    expectType(jwt.token, 'string', 'jwt.token', true);
    const token = jwt.token as string;
    const userId = faults.active('validate-accepts-tampered-token')
      ? Number(JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString() || '{}').sub ?? NaN)
      : await tokens.verify(token);
    const user = userId === undefined ? undefined : state.user(userId);
    return success(reply, 200, {
      feature_flags: { ff: { isVendor: user?.isVendor ?? false, isWhitelabeled: user?.isWhitelabeled ?? false } },
      isValid: user !== undefined,
    });
  });
}
