import { parameterBasis, realClient } from '../lib/checks/basis';
import { compareSemver, isSemver } from '../lib/checks/manifest';
import { defineProperty } from '../lib/property/define';
import { anySemver } from '../lib/property/inputs';

const operationId = 'get-api-v2-manifests-app-version';

export default defineProperty({
  operationId,
  invariant: 'any SemVer as max_manifest_version is accepted and honoured',
  requirement: 'max_manifest_version=X (SemVer) gives 200 with _schemaVersion ≤ X, or 404 when no manifest is that old (real-clients 14).',
  needs: ['licenseKey', 'officialApp'],
  basis: [parameterBasis(operationId, 'max_manifest_version'), realClient(14)],
  provenBy: 'manifests-ignores-max-version',
  async arbitrary(t) {
    const session = await t.session();
    const { app, versions } = t.profile.officialApp!;
    return anySemver(t).map((max) => ({ max, app, version: versions[0], session: session.id }));
  },
  async run(t, { max, app, version, session }) {
    const exchange = await t.manifest(session, { app, version }, { max_manifest_version: max });
    if (!t.expectStatus(exchange, [200, 404], 'manifest_version_constraint') || exchange.response!.status !== 200) return;
    const returned = t.json(exchange)?.data?._schemaVersion;
    t.expect('manifest_version_constraint', isSemver(returned) && compareSemver(returned, max) <= 0, `_schemaVersion ≤ ${max}`, JSON.stringify(returned), exchange);
  },
});
