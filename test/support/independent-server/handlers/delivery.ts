import { randomBytes } from 'node:crypto';
import * as semver from 'semver';
import { type Call, NO_SESSION_HEADER, objectBody, queryValue, requiredSession, sessionHeaderValue, success } from '../call';
import type { Manifest } from '../state';
import { HttpError, type Reply } from '../wire';

/** The contract's appManifestSchemaVersion pattern (SemVer 2.0.0); semver's own parser also takes "v1.0.0". */
const SCHEMA_VERSION =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

function schemaVersionQuery(call: Call, name: string, sessionHeaders: Record<string, string>): string | undefined {
  let value: string | undefined;
  try {
    value = queryValue(call, name);
  } catch (error) {
    throw new HttpError(400, (error as Error).message, sessionHeaders);
  }
  if (value !== undefined && !SCHEMA_VERSION.test(value)) throw new HttpError(400, `Invalid query parameter ${name}`, sessionHeaders);
  return value;
}

/** The newest manifest that meets both constraints (precedence as SemVer §11 orders it). */
function pickManifest(manifests: Manifest[], exact: string | undefined, max: string | undefined): Manifest | undefined {
  return manifests
    .filter((manifest) => exact === undefined || semver.compare(manifest._schemaVersion, exact) === 0)
    .filter((manifest) => max === undefined || semver.compare(manifest._schemaVersion, max) <= 0)
    .sort((a, b) => semver.compare(b._schemaVersion, a._schemaVersion))[0];
}

/**
 * GET /api/v2/manifests/{app}/{version}. Every 400 and 404 carries X-Session-Id (required there); an app
 * version that has only manifests newer than max_manifest_version is "No such App/version combination".
 */
export async function manifest(call: Call): Promise<Reply> {
  const session = requiredSession(call, { 'X-Session-Id': NO_SESSION_HEADER });
  const sessionHeaders = { 'X-Session-Id': sessionHeaderValue(session) };
  const exact = schemaVersionQuery(call, 'manifest_version', sessionHeaders);
  const max = schemaVersionQuery(call, 'max_manifest_version', sessionHeaders);
  const versions = call.state.app(call.params.app)?.versions ?? [];
  const found = pickManifest(versions.find((entry) => entry.version === call.params.version)?.manifests ?? [], exact, max);
  if (!found) throw new HttpError(404, `No manifest for ${call.params.app.slice(0, 100)} ${call.params.version.slice(0, 50)} within the requested schema versions`, sessionHeaders);
  return { status: 200, body: success(call, 200, structuredClone(found)), headers: sessionHeaders };
}

function tokenRequest(call: Call): { app: string; version: string } {
  const body = objectBody(call, 'app and version');
  const { app, version } = body;
  if (typeof app !== 'string' || app === '') throw new HttpError(400, 'app must be a non-empty string');
  if (typeof version !== 'string' || version === '') throw new HttpError(400, 'version must be a non-empty string');
  return { app, version };
}

/**
 * POST /api/v2/tokens. Only official apps in a version the console knows get a registry token; an
 * unofficial app, or one the console does not know at all (sideloaded), gets 204.
 */
export async function downloadToken(call: Call): Promise<Reply> {
  const session = requiredSession(call);
  const request = tokenRequest(call);
  const headers = { 'X-Session-Id': sessionHeaderValue(session) };
  const app = call.state.app(request.app);
  if (!app?.official || !app.versions.some((entry) => entry.version === request.version)) return { status: 204, headers };
  const token = { username: `pull-${randomBytes(4).toString('hex')}`, password: randomBytes(24).toString('base64url'), registry: 'registry.indep.example' };
  return { status: 200, body: success(call, 200, { token }), headers };
}
