import type { FastifyInstance } from 'fastify';
import { expectType, objectBody, rejectUnknown, success, type HandlerContext } from '../context';
import { HttpError } from '../errors';

/** Tag Default: auth/login and auth/validate. */
export function registerDefault(app: FastifyInstance, context: HandlerContext): void {
  const { state, tokens, faults } = context;

  app.post('/api/v2/auth/login', { config: { operationId: 'post-api-v2-auth-login' } }, async (request, reply) => {
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: a login without a body names no user: refused as 400 or 403, both 4xx the suite accepts (erratum undocumented-4xx)
    const body = objectBody(request, { optional: true });
    rejectUnknown(body, ['issueJWT', 'password', 'username']);
    expectType(body.issueJWT, 'boolean', 'issueJWT', false);
    // Stryker disable next-line BooleanLiteral: a login without username is refused either way (400 or 403)
    expectType(body.username, 'string', 'username', false);
    // Stryker disable next-line BooleanLiteral: a login without password is refused either way (400 or 403)
    expectType(body.password, 'string', 'password', false);
    // Stryker disable next-line ConditionalExpression: username is a string or absent here, and an absent one matches no user of the shipped data (every user has a username and an email)
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
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: an absent body has no jwt: refused with 400 by the jwt check below, or answered isValid false; both are correct
    const body = objectBody(request, { optional: false });
    rejectUnknown(body, ['jwt']);
    expectType(body.jwt, 'object', 'jwt', true);
    const jwt = body.jwt as Record<string, unknown>;
    rejectUnknown(jwt, ['token'], 'jwt');
    // Stryker disable next-line BooleanLiteral: the request schema does not require jwt.token: {jwt: {}} answered isValid false or refused with 400 are both correct
    expectType(jwt.token, 'string', 'jwt.token', true);
    const token = jwt.token as string;
    const userId = faults.active('validate-accepts-tampered-token')
      ? Number(JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString() || '{}').sub ?? NaN)
      : await tokens.verify(token);
    const user = state.user(userId);
    return success(reply, 200, {
      // Stryker disable next-line ObjectLiteral,LogicalOperator,BooleanLiteral: the validate 200 schema requires no flag and ties them to nothing (#/paths/~1api~1v2~1auth~1validate/post/responses/200)
      feature_flags: { ff: { isVendor: user?.isVendor ?? false, isWhitelabeled: user?.isWhitelabeled ?? false } },
      isValid: user !== undefined,
    });
  });
}
