import { compareSemver, isSemver, manifestProblems, MANIFEST_SCHEMA_VERSIONS } from '../../lib/checks/manifest';
import type { Exchange } from '../../lib/http/exchange';
import { PreconditionError, type ScenarioContext } from '../../lib/scenario/context';
import { erratumBasis, parameterBasis, realClient, responseBasis, rfc } from '../../lib/checks/basis';
import { defineSuite } from '../../lib/scenario/define';
import { doubleSlashScenario, expectSessionRefused, sessionTable } from '../../lib/scenario/tables';
import type { ScenarioSpec } from '../../lib/scenario/types';

const operationId = 'get-api-v2-manifests-app-version';
/** For the tables, which build requests instead of sending them. */
const manifestPath = ({ app, version }: { app: string; version: string }): string => `/api/v2/manifests/${encodeURIComponent(app)}/${encodeURIComponent(version)}`;

const officialApp = (t: ScenarioContext) => {
  t.precondition(t.profile.officialApp, 'the profile names no official app');
  return { app: t.profile.officialApp.app, version: t.profile.officialApp.versions[0] };
};

async function getManifest(t: ScenarioContext, query: Record<string, string> = {}, target = officialApp(t)): Promise<Exchange> {
  return t.manifest((await t.session()).id, target, query);
}

/** The real-client checks of a 200 manifest: identity with the request and the FLECS manifest schema. */
function verifyManifest(t: ScenarioContext, exchange: Exchange, requested: { app: string; version: string }): void {
  const data = t.json(exchange)?.data;
  t.expect('manifest_identity', data?.app === requested.app && data?.version === requested.version, `data.app ${requested.app}, data.version ${requested.version}`, `${JSON.stringify(data?.app)}, ${JSON.stringify(data?.version)}`, exchange);
  const problems = manifestProblems(data);
  t.expect('manifest_schema', problems.length === 0, `a manifest valid under the FLECS app manifest schema ${JSON.stringify(data?._schemaVersion)}`, problems.join('; '), exchange);
}

const constraintScenario = (parameter: 'max_manifest_version' | 'manifest_version', schemaVersion: string): ScenarioSpec => ({
  operationId,
  status: 200,
  title: `${parameter}=${schemaVersion} is honoured`,
  basis: [parameterBasis(operationId, parameter), responseBasis(operationId, 200), responseBasis(operationId, 404), realClient(14)],
  requirement:
    parameter === 'max_manifest_version'
      ? `With max_manifest_version=${schemaVersion} the returned _schemaVersion ≤ ${schemaVersion} (or 404 when none is), real-clients 14.`
      : `With manifest_version=${schemaVersion} the returned _schemaVersion equals it (or 404 when there is none), real-clients 14.`,
  needs: ['licenseKey', 'officialApp'],
  async run(t) {
    const exchange = await getManifest(t, { [parameter]: schemaVersion });
    if (!t.expectStatus(exchange, [200, 404], 'manifest_version_constraint') || exchange.response!.status !== 200) return;
    const returned = t.json(exchange)?.data?._schemaVersion;
    const ok = isSemver(returned) && (parameter === 'max_manifest_version' ? compareSemver(returned, schemaVersion) <= 0 : compareSemver(returned, schemaVersion) === 0);
    t.expect('manifest_version_constraint', ok, `_schemaVersion ${parameter === 'max_manifest_version' ? '≤' : '='} ${schemaVersion}`, JSON.stringify(returned), exchange);
  },
});

/** Every character as %XX: a decoder that misses one is caught. */
const percentEncodeAll = (segment: string): string => [...Buffer.from(segment, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');

const BAD_SEMVER = ['1.0', 'v1.0.0', '3.0', '3.0.0.0', '01.0.0', 'latest', '1a.0.0', '1.1a.0', '1.0.0-01'];
/** SemVer the contract's pattern admits, one for each part a hand-written pattern tends to get wrong. */
const EDGE_SEMVER = ['10.20.30', '1.0.0-1', '1.0.0-12', '1.0.0-alpha.1', '1.0.0-alpha.12', '1.0.0-alpha.beta', '1.0.0+build', '1.0.0+build.12', '1.0.0+a.b.c'];

export default defineSuite(operationId, [
  {
    operationId,
    status: 200,
    title: 'the manifest as FLECS devices ask for it (max_manifest_version=3.0.0)',
    requirement:
      'Exactly 200 with data, a manifest with _schemaVersion ≤ 3.0.0, for a version the profile names in legacyVersions; for another version a 404 is as correct (real-clients 12, 13, 14, 17).',
    basis: [parameterBasis(operationId, 'max_manifest_version'), responseBasis(operationId, 200), realClient(12)],
    needs: ['licenseKey', 'officialApp'],
    async run(t) {
      const legacy = t.profile.officialApp!.legacyVersions?.[0];
      const requested = legacy === undefined ? officialApp(t) : { app: officialApp(t).app, version: legacy };
      const exchange = await getManifest(t, { max_manifest_version: '3.0.0' }, requested);
      if (legacy === undefined && exchange.response?.status === 404) return; // no version is known to have one that old
      if (!t.expectAccepted(exchange, [200])) return;
      const returned = t.json(exchange)?.data?._schemaVersion;
      t.expect('manifest_version_constraint', isSemver(returned) && compareSemver(returned, '3.0.0') <= 0, '_schemaVersion ≤ 3.0.0', JSON.stringify(returned), exchange);
      verifyManifest(t, exchange, requested);
    },
  },
  {
    operationId,
    status: 200,
    title: 'every version of the official app has a manifest',
    requirement: '200 App Manifest for every version the profile names.',
    needs: ['licenseKey', 'officialApp'],
    async run(t) {
      const { app, versions } = t.profile.officialApp!;
      for (const version of versions) {
        const exchange = await getManifest(t, {}, { app, version });
        if (t.expectAccepted(exchange, [200])) verifyManifest(t, exchange, { app, version });
      }
    },
  },
  ...MANIFEST_SCHEMA_VERSIONS.map((version) => constraintScenario('max_manifest_version', version)),
  ...MANIFEST_SCHEMA_VERSIONS.map((version) => constraintScenario('manifest_version', version)),
  {
    operationId,
    status: 200,
    title: 'the _schemaVersion of a served manifest, asked for again, gives a manifest',
    requirement:
      'A manifest the server has just served exists: asked for again with manifest_version (or max_manifest_version) set to its _schemaVersion, the answer is 200 with exactly that _schemaVersion (at most it), not 404 "No such App/version combination" (real-clients 14).',
    basis: [parameterBasis(operationId, 'manifest_version'), parameterBasis(operationId, 'max_manifest_version'), responseBasis(operationId, 200), responseBasis(operationId, 404), realClient(14)],
    needs: ['licenseKey', 'officialApp'],
    async run(t) {
      const first = await getManifest(t);
      if (!t.expectAccepted(first, [200])) return;
      const served = t.json(first)?.data?._schemaVersion;
      if (!isSemver(served)) return; // the manifest checks of the first answer report it
      for (const parameter of ['manifest_version', 'max_manifest_version'] as const) {
        const exchange = await getManifest(t, { [parameter]: served });
        if (!t.expectAccepted(exchange, [200])) continue;
        const returned = t.json(exchange)?.data?._schemaVersion;
        const exact = parameter === 'manifest_version';
        const ok = isSemver(returned) && (exact ? compareSemver(returned, served) === 0 : compareSemver(returned, served) <= 0);
        t.expect('manifest_version_constraint', ok, `_schemaVersion ${exact ? '=' : '≤'} ${served}`, JSON.stringify(returned), exchange);
      }
    },
  },
  ...(['max_manifest_version', 'manifest_version'] as const).flatMap((parameter) =>
    BAD_SEMVER.map<ScenarioSpec>((value) => ({
      operationId,
      status: 400,
      title: `${parameter}=${value} (not SemVer) is refused`,
      requirement: '400 "Bad Request" (appManifestSchemaVersion is the SemVer regex), with the required X-Session-Id header.',
      basis: [parameterBasis(operationId, parameter), responseBasis(operationId, 400)],
      needs: ['licenseKey', 'officialApp'],
      async run(t) {
        const exchange = await getManifest(t, { [parameter]: value });
        if (t.expectRejected(exchange)) t.expectStatus(exchange, [400]);
      },
    })),
  ),
  ...(['max_manifest_version', 'manifest_version'] as const).flatMap((parameter) =>
    EDGE_SEMVER.map<ScenarioSpec>((value) => ({
      operationId,
      status: 200,
      title: `${parameter}=${value} (SemVer) is accepted`,
      requirement: 'A value the appManifestSchemaVersion pattern admits makes a valid request: 200 with a manifest, or 404 when none is within it; never 400.',
      basis: [parameterBasis(operationId, parameter), responseBasis(operationId, 200), responseBasis(operationId, 404)],
      needs: ['licenseKey', 'officialApp'],
      async run(t) {
        t.expectStatus(await getManifest(t, { [parameter]: value }), [200, 404], 'manifest_version_constraint');
      },
    })),
  ),
  ...sessionTable({
    operationId,
    status: 403,
    needs: ['officialApp'],
    requirement: '403 "Session id invalid or not found" for an unknown session; a missing or malformed X-Session-Id may be refused as 400 or 401 too (real-clients 7: devices send an empty id when they have none).',
    basis: [parameterBasis(operationId, 'X-Session-Id'), responseBasis(operationId, 403)],
    request: async (t, sessionId) => ({ method: 'GET', path: manifestPath(officialApp(t)), headers: { 'X-Session-Id': sessionId } }),
    verify: expectSessionRefused,
  }),
  {
    operationId,
    status: 404,
    title: 'an unknown app gives 404',
    requirement: '404 "No such App/version combination", never 200 with empty data (real-clients 16).',
    needs: ['licenseKey'],
    async run(t) {
      const exchange = await getManifest(t, {}, { app: `tech.flecs.no-such-app-${t.target.config.runId}`.toLowerCase(), version: '1.0.0' });
      t.expectStatus(exchange, [404]);
    },
  },
  {
    operationId,
    status: 404,
    title: 'an unknown version of the official app gives 404',
    requirement: '404 "No such App/version combination".',
    needs: ['licenseKey', 'officialApp'],
    async run(t) {
      const exchange = await getManifest(t, {}, { app: officialApp(t).app, version: '999.999.999-none' });
      t.expectStatus(exchange, [404]);
    },
  },
  {
    operationId,
    status: 200,
    title: 'a percent-encoded version is decoded',
    requirement: 'Path segments are percent-decoded: every character of {version} encoded gives the same manifest (real-clients 21).',
    strength: 'SHOULD',
    basis: [rfc(3986, '6.2.2.2', 'SHOULD'), realClient(21)],
    needs: ['licenseKey', 'officialApp'],
    async run(t) {
      const { app, version } = officialApp(t);
      const session = await t.session();
      const exchange = await t.send({ method: 'GET', path: `/api/v2/manifests/${encodeURIComponent(app)}/${percentEncodeAll(version)}`, headers: { 'X-Session-Id': session.id } });
      if (t.expectAccepted(exchange, [200])) verifyManifest(t, exchange, { app, version });
    },
  },
  {
    operationId,
    status: 'undocumented',
    title: 'an {app} with a malformed percent-encoding is rejected',
    requirement: '"%zz" is no percent-encoding (RFC 3986 §2.1): the segment names no app, so it gets a 4xx, never a 5xx.',
    basis: [parameterBasis(operationId, 'app'), erratumBasis('undocumented-4xx')],
    needs: ['licenseKey'],
    async run(t) {
      const session = await t.session();
      const exchange = await t.send({ method: 'GET', path: '/api/v2/manifests/tech.flecs.%zz/1.0.0', headers: { 'X-Session-Id': session.id } });
      t.expectRejected(exchange);
    },
  },
  {
    operationId,
    status: 200,
    title: 'a percent-encoded app is decoded',
    requirement: 'Path segments are percent-decoded: every character of {app} encoded (dots included) gives the same manifest (real-clients 21).',
    strength: 'SHOULD',
    basis: [rfc(3986, '6.2.2.2', 'SHOULD'), realClient(21)],
    needs: ['licenseKey', 'officialApp'],
    async run(t) {
      const { app, version } = officialApp(t);
      const session = await t.session();
      const exchange = await t.send({ method: 'GET', path: `/api/v2/manifests/${percentEncodeAll(app)}/${encodeURIComponent(version)}`, headers: { 'X-Session-Id': session.id } });
      if (t.expectAccepted(exchange, [200])) verifyManifest(t, exchange, { app, version });
    },
  },
  {
    operationId,
    status: 200,
    title: "a '+' in {version} is a plus sign, sent as is or as %2B",
    requirement: "A semver with build metadata (3.1.0+build) names that version: in a path '+' is data, not a space (that is form encoding of queries), and %2B decodes to it (real-clients 21).",
    strength: 'SHOULD',
    basis: [rfc(3986, '3.3', 'SHOULD'), rfc(3986, '6.2.2.2', 'SHOULD'), realClient(21)],
    needs: ['licenseKey', 'officialApp'],
    async run(t) {
      const { app } = officialApp(t);
      const version = t.profile.officialApp!.versions.find((name) => name.includes('+'));
      if (!version) throw new PreconditionError("the profile's officialApp.versions has none with build metadata ('+')");
      const session = await t.session();
      for (const sent of [version, version.replace(/\+/g, '%2B')]) {
        const exchange = await t.send({ method: 'GET', path: `/api/v2/manifests/${encodeURIComponent(app)}/${sent}`, headers: { 'X-Session-Id': session.id } });
        if (t.expectAccepted(exchange, [200])) verifyManifest(t, exchange, { app, version });
      }
    },
  },
  doubleSlashScenario(
    operationId,
    async (t) => ({ method: 'GET', path: manifestPath(officialApp(t)), headers: { 'X-Session-Id': (await t.session()).id } }),
    ['licenseKey', 'officialApp'],
  ),
]);
