import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { compareContracts, filePointer } from '../../../lib/diff/compare';
import { errataFindings } from '../../../lib/diff/errata';
import { contractFixture, loadContractVersion } from '../../../lib/diff/load';
import { pinnedContractWarning } from '../../../lib/diff/pinned';
import { CONTRACT_FILE } from '../../../lib/spec/contract';
import { loaded, realContract, type Doc } from '../../support/contracts';

const UNCHANGED_SINCE_PINNED = [
  'post-api-v2-auth-login',
  'post-api-v2-auth-validate',
  'post-api-v2-device-license-activate',
  'post-api-v2-device-license-validate',
  'get-api-v2-manifests-app-version',
  'post-api-v2-tokens',
];

describe('the real upstream history', () => {
  test('3df804d → 82306b9: six operations and their schemas added, the register operation added, all INFO', async () => {
    const result = compareContracts(await loadContractVersion('BASE', contractFixture('3df804d')), await loadContractVersion('HEAD', contractFixture('82306b9')));
    expect(result.counts).toEqual({ ERROR: 0, WARNING: 0, INFO: 25 });
    expect(result.findings.filter((f) => f.rule === 'operation-added').map((f) => f.operation).sort()).toEqual(
      ['get-api-v2-my-products', 'get-api-v2-my-products-apps', 'get-api-v2-my-subscriptions', 'get-api-v2-products', 'get-api-v2-products-apps', 'get-api-v2-products-apps-reviews', 'post-api-v2-device-license'].sort(),
    );
    const components = result.findings.filter((f) => f.rule === 'component-added').map((f) => f.where);
    expect(components).toEqual(expect.arrayContaining(['components/parameters/authParam', 'components/schemas/product', 'components/schemas/deviceLicense', 'components/schemas/subscriptions']));
    expect(components).toHaveLength(18);
    expect(result.unchanged).toEqual(UNCHANGED_SINCE_PINNED);
  });

  test('82306b9 → openapi.yaml (the same document, whitespace collapsed): nothing changed, no erratum stale', async () => {
    const result = compareContracts(await loadContractVersion('BASE', contractFixture('82306b9')), await loadContractVersion('HEAD', CONTRACT_FILE));
    expect(result.findings).toEqual([]);
    expect(result.unchanged).toHaveLength(13);
  });

  test('openapi.yaml → 3df804d (going back) removes seven operations: ERROR, none of them the daemon\'s', async () => {
    const result = compareContracts(await loadContractVersion('BASE', CONTRACT_FILE), await loadContractVersion('HEAD', contractFixture('3df804d')), { errata: [] });
    const removed = result.findings.filter((f) => f.rule === 'operation-removed');
    expect(removed).toHaveLength(7);
    expect(removed.every((f) => f.severity === 'ERROR' && !f.clients.includes('daemon'))).toBe(true);
    expect(removed.find((f) => f.operation === 'get-api-v2-products-apps')?.clients).toEqual(['web UI']);
  });
});

describe('pointers', () => {
  test('a change inside a shared schema points at its one definition in the file', () => {
    const raw = realContract();
    expect(filePointer(raw, '/paths/~1api~1v2~1tokens/post/responses/200/headers/X-Session-Id/schema/properties/timestamp/type')).toBe('/components/schemas/sessionId/properties/timestamp/type');
    expect(filePointer(raw, '/paths/~1api~1v2~1tokens/post/parameters/0')).toBe('/components/parameters/sessionIdParam');
    expect(filePointer(raw, '/paths/~1api~1v2~1tokens/post/requestBody')).toBe('/paths/~1api~1v2~1tokens/post/requestBody');
  });
});

describe('errata against HEAD', () => {
  const errataOf = async (change: (doc: Doc) => void) => {
    const head = realContract();
    change(head);
    return errataFindings(await loaded('head', head));
  };

  test('openapi.yaml itself makes no erratum stale', async () => {
    expect(await errataOf(() => undefined)).toEqual([]);
  });

  test('erratum-pointer-unresolved: a HEAD without the jwt schema leaves unused-components pointing nowhere', async () => {
    expect(await errataOf((doc) => delete doc.components.schemas.jwt)).toContainEqual(
      expect.objectContaining({ rule: 'erratum-pointer-unresolved', severity: 'WARNING', where: 'erratum unused-components', head: expect.objectContaining({ pointer: '/components/schemas/jwt' }) }),
    );
  });

  test('erratum-patch-inapplicable: a HEAD whose productMetadata has no required list', async () => {
    const findings = await errataOf((doc) => delete doc.components.schemas.productMetadata.required);
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'erratum-patch-inapplicable', where: 'erratum product-metadata-options' }));
  });

  test('erratum-defect-fixed: a HEAD that names the register operation fixes missing-operation-id', async () => {
    const findings = await errataOf((doc) => (doc.paths['/api/v2/device/license'].post.operationId = 'post-api-v2-device-license'));
    expect(findings).toEqual([expect.objectContaining({ rule: 'erratum-defect-fixed', severity: 'WARNING', where: 'erratum missing-operation-id' })]);
  });
});

describe('the conformance header', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pinned-contract-'));
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  test('openapi.yaml does not break the pinned daemon contract', async () => {
    expect(await pinnedContractWarning(CONTRACT_FILE, path.join(folder, 'cache.json'))).toBeUndefined();
  });

  test('a contract that drops the tokens 204 does, and says how many changes concern the daemon', async () => {
    const head = realContract();
    delete head.paths['/api/v2/tokens'].post.responses['204'];
    const file = path.join(folder, 'openapi.yaml');
    fs.writeFileSync(file, stringify(head));
    const cache = path.join(folder, 'cache-2.json');
    const warning = await pinnedContractWarning(file, cache);
    expect(warning).toMatch(/breaks the daemon's pinned contract 3df804d: 1 ERROR change, 1 in operations the daemon calls/);
    // A second call answers from the cache, keyed by the contracts' content.
    expect(JSON.parse(fs.readFileSync(cache, 'utf8'))).toMatchObject({ warning });
    expect(await pinnedContractWarning(file, cache)).toBe(warning);
    fs.writeFileSync(file, stringify(realContract()));
    expect(await pinnedContractWarning(file, cache)).toBeUndefined();
  });
});
