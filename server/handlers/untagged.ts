import type { FastifyInstance } from 'fastify';
import { compare, valid } from 'semver';
import { expectType, header, objectBody, requireSession, SEMVER, sessionHeader, success, type HandlerContext } from '../context';
import type { Manifest } from '../data';
import { HttpError } from '../errors';

/** The newest manifest of an app version within the requested schema-version constraints. */
function pickManifest(manifests: Manifest[], max: string | undefined, exact: string | undefined): Manifest | undefined {
  return manifests
    .filter((manifest) => valid(manifest._schemaVersion))
    .filter((manifest) => max === undefined || compare(manifest._schemaVersion, max) <= 0)
    .filter((manifest) => exact === undefined || compare(manifest._schemaVersion, exact) === 0)
    .sort((a, b) => compare(b._schemaVersion, a._schemaVersion))[0];
}

/** The operations without a tag: manifests and download tokens. */
export function registerUntagged(app: FastifyInstance, context: HandlerContext): void {
  const { state, faults } = context;

  app.get('/api/v2/manifests/:app/:version', { config: { operationId: 'get-api-v2-manifests-app-version' } }, async (request, reply) => {
    if (faults.active('manifests-empty-session-500') && header(request, 'x-session-id') === '') throw new Error('empty session');
    const { session } = requireSession(context, request, faults.active('manifests-ignores-session'));
    const headers = sessionHeader(session);
    const query = request.query as Record<string, string | undefined>;
    const constraints: Record<string, string | undefined> = {};
    for (const name of ['max_manifest_version', 'manifest_version']) {
      const value = query[name];
      if (value !== undefined && !SEMVER.test(value) && !faults.active('manifests-accepts-bad-semver')) {
        throw new HttpError(400, `Invalid query parameter ${name}`, headers);
      }
      constraints[name] = value !== undefined && SEMVER.test(value) ? value : undefined;
    }
    const { app: appName, version: sent } = request.params as { app: string; version: string };
    const version = faults.active('manifests-plus-as-space') ? sent.replace(/\+/g, ' ') : sent;
    const manifests = state.app(appName)?.versions[version] ?? [];
    const manifest = pickManifest(
      manifests,
      faults.active('manifests-ignores-max-version') ? undefined : constraints.max_manifest_version,
      faults.active('manifests-ignores-manifest-version') ? undefined : constraints.manifest_version,
    );
    if (!manifest) throw new HttpError(404, `No manifest for ${appName} ${version} within the requested manifest version`, headers);
    return success(reply, 200, manifest);
  });

  app.post('/api/v2/tokens', { config: { operationId: 'post-api-v2-tokens' } }, async (request, reply) => {
    const { session } = requireSession(context, request, faults.active('tokens-ignores-session'));
    const body = objectBody(request, { optional: false });
    expectType(body.app, 'string', 'app', true);
    expectType(body.version, 'string', 'version', !faults.active('tokens-accepts-missing-version'));
    const app = state.app(body.app as string);
    const version = (body.version as string | undefined) ?? Object.keys(app?.versions ?? {}).pop();
    if (!app || version === undefined || !app.versions[version]) throw new HttpError(404, `Unknown app ${String(body.app)} ${String(body.version)}`);
    const headers = sessionHeader(session);
    if (!app.official && !faults.active('tokens-unofficial-200')) return reply.code(204).headers(headers).send();
    const token = { username: `dl-${session.id.slice(0, 8)}`, password: `pw-${Buffer.from(`${app.app}@${version}:${session.id}`).toString('base64url')}` };
    return success(reply, 200, { token }, headers);
  });
}
