import { parameterBasis, responseBasis } from '../lib/checks/basis';
import fc from 'fast-check';
import { defineProperty } from '../lib/property/define';
import { notSemver } from '../lib/property/inputs';

const operationId = 'get-api-v2-manifests-app-version';

export default defineProperty({
  operationId,
  invariant: 'any non-SemVer manifest version parameter is rejected with 400',
  requirement: 'appManifestSchemaVersion is the SemVer regex: anything else in max_manifest_version or manifest_version gives 400 (real-clients 15).',
  needs: ['licenseKey', 'officialApp'],
  basis: [parameterBasis(operationId, 'max_manifest_version'), parameterBasis(operationId, 'manifest_version'), responseBasis(operationId, 400)],
  provenBy: 'manifests-accepts-bad-semver',
  async arbitrary(t) {
    const session = await t.session();
    const { app, versions } = t.profile.officialApp!;
    return fc.record({ value: notSemver(t), parameter: fc.constantFrom('max_manifest_version', 'manifest_version') }).map((input) => ({ ...input, app, version: versions[0], session: session.id }));
  },
  async run(t, { value, parameter, app, version, session }) {
    const exchange = await t.manifest(session, { app, version }, { [parameter]: value });
    if (t.expectRejected(exchange)) t.expectStatus(exchange, [400]);
  },
});
