import type { FastifyInstance } from 'fastify';
import { compare, valid } from 'semver';
import { sessionOfAnyWellFormedId } from '../faults/lookups';
import { expectType, header, objectBody, requireSession, SEMVER, sessionHeader, success, type HandlerContext } from '../context';
import type { Manifest } from '../data';
import { HttpError } from '../errors';

/** The newest manifest of an app version within the requested schema-version constraints. */
function pickManifest(manifests: Manifest[], max: string | undefined, exact: string | undefined): Manifest | undefined {
  // Stryker disable next-line MethodExpression: the shipped manifests all have a known _schemaVersion (assertDataConsistent), so the validity filter drops none
  const known = manifests.filter((manifest) => valid(manifest._schemaVersion));
  // Stryker disable next-line EqualityOperator: which manifest within max_manifest_version is served is the server's choice: the contract and real-clients 14 ask only for one whose _schemaVersion ≤ X
  const withinMax = known.filter((manifest) => max === undefined || compare(manifest._schemaVersion, max) <= 0);
  const matching = withinMax.filter((manifest) => exact === undefined || compare(manifest._schemaVersion, exact) === 0);
  // Stryker disable next-line ArrowFunction,MethodExpression: which manifest within the constraints is served is the server's choice (real-clients 14: ≤ max_manifest_version), the newest or another
  return matching.sort((a, b) => compare(b._schemaVersion, a._schemaVersion))[0];
}

/** The operations without a tag: manifests and download tokens. */
export function registerUntagged(app: FastifyInstance, context: HandlerContext): void {
  const { state, faults } = context;

  app.get('/api/v2/manifests/:app/:version', { config: { operationId: 'get-api-v2-manifests-app-version' } }, async (request, reply) => {
    if (faults.active('manifests-empty-session-500') && header(request, 'x-session-id') === '') throw new Error('empty session');
    const { session } = (faults.active('manifests-ignores-session') ? sessionOfAnyWellFormedId : requireSession)(context, request);
    const headers = sessionHeader(session);
    const query = request.query as Record<string, string | undefined>;
    const constraints: Record<string, string | undefined> = {};
    for (const name of ['max_manifest_version', 'manifest_version']) {
      const value = query[name];
      if (value !== undefined && !SEMVER.test(value) && !faults.active('manifests-accepts-bad-semver')) {
        throw new HttpError(400, `Invalid query parameter ${name}`, headers);
      }
      // Stryker disable next-line ConditionalExpression,LogicalOperator: a value off SemVer was refused just above (no fault is on), so only undefined or a SemVer value reaches this line
      constraints[name] = value !== undefined && SEMVER.test(value) ? value : undefined;
    }
    const { app: appName, version: sent } = request.params as { app: string; version: string };
    const version = faults.active('manifests-plus-as-space') ? sent.replace(/\+/g, ' ') : sent;
    // Stryker disable next-line ArrayDeclaration: a made-up entry has no valid _schemaVersion and is filtered out: the same 404
    const manifests = state.app(appName)?.versions[version] ?? [];
    const manifest = pickManifest(
      manifests,
      faults.active('manifests-ignores-max-version') ? undefined : constraints.max_manifest_version,
      faults.active('manifests-ignores-manifest-version') ? undefined : constraints.manifest_version,
    );
    // Stryker disable next-line StringLiteral: the manifests 404 documents no reason (erratum manifests-404-no-reason), so none is demanded
    if (!manifest) throw new HttpError(404, `No manifest for ${appName} ${version} within the requested manifest version`, headers);
    return success(reply, 200, manifest);
  });

  app.post('/api/v2/tokens', { config: { operationId: 'post-api-v2-tokens' } }, async (request, reply) => {
    const { session } = (faults.active('tokens-ignores-session') ? sessionOfAnyWellFormedId : requireSession)(context, request);
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: an absent body then fails the first required field with the same 400, so requiring the body or not is unobservable
    const body = objectBody(request, { optional: false });
    // Stryker disable next-line BooleanLiteral: a body without app names no app and is refused with 404, a 4xx as the original's 400 (the suite accepts any 4xx for it, erratum undocumented-4xx)
    expectType(body.app, 'string', 'app', true);
    expectType(body.version, 'string', 'version', !faults.active('tokens-accepts-missing-version'));
    const app = state.app(body.app as string);
    // Only the fault lets version be absent: then the app's newest is meant.
    const version = (body.version as string | undefined) ?? (faults.active('tokens-accepts-missing-version') ? Object.keys(app?.versions ?? {}).pop() : undefined);
    // Stryker disable next-line ConditionalExpression: version is undefined only with a fault on; app.versions[undefined] is no version either
    if (!app || version === undefined || !app.versions[version]) throw new HttpError(404, `Unknown app ${String(body.app)} ${String(body.version)}`);
    const headers = sessionHeader(session);
    if (!app.official && !faults.active('tokens-unofficial-200')) return reply.code(204).headers(headers).send();
    // Stryker disable next-line StringLiteral,MethodExpression: the download token's username and password are any strings (#/components/schemas, real-clients 18)
    const token = { username: `dl-${session.id.slice(0, 8)}`, password: `pw-${Buffer.from(`${app.app}@${version}:${session.id}`).toString('base64url')}` };
    return success(reply, 200, { token }, headers);
  });
}
