import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { parse } from 'yaml';
import { fromRoot } from '../../lib/paths';
import { contractIndex, decodePathSegments, loadDocument } from '../../lib/spec/contract';
import { ERRATA_FILE, loadErrata, parseErrata, resolvePointer } from '../../lib/spec/errata';

describe('openapi.yaml', () => {
  test('is the upstream contract verbatim (whitespace-normalised SHA-256)', () => {
    const text = fs.readFileSync(fromRoot('openapi.yaml'), 'utf8');
    const digest = createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex');
    expect(digest).toBe('939ec99fc0072e2d04e9f1c213d3339430b4282404a0ce9052b12ed0517653b9');
  });

  test('indexes 13 operations, the unnamed one under its synthetic operationId', () => {
    const index = contractIndex(false);
    expect(index.operations).toHaveLength(13);
    expect(index.operation('post-api-v2-device-license')).toMatchObject({ method: 'post', pathTemplate: '/api/v2/device/license', statuses: [201, 400, 401, 422, 500] });
    expect(() => index.operation('get-nothing')).toThrow(/unknown operationId/);
  });

  test.each([
    ['GET', '/api/v2/manifests/tech.flecs.app/1.2.3', 'get-api-v2-manifests-app-version', { app: 'tech.flecs.app', version: '1.2.3' }],
    ['GET', '/api/v2/manifests/tech.flecs.app/1.2.3%2Bbuild?max_manifest_version=3.0.0', 'get-api-v2-manifests-app-version', { app: 'tech.flecs.app', version: '1.2.3+build' }],
    ['POST', '//api/v2/device/license/activate', 'post-api-v2-device-license-activate', {}],
    ['post', '/api/v2/products/apps/reviews', 'get-api-v2-products-apps-reviews', {}],
  ])('matches %s %s to its operation', (method, path, operationId, pathParams) => {
    expect(contractIndex().match(method, path)).toMatchObject({ operation: { operationId }, pathParams });
  });

  test.each([
    ['GET', '/api/v2/manifests/only-app'],
    ['PUT', '/api/v2/tokens'],
    ['GET', '/api/v2/manifests/a%E0%A4%A/1'],
    ['GET', '/api/v2/manifests//1.0.0'],
  ])('matches nothing for %s %s', (method, path) => {
    expect(contractIndex().match(method, path)).toBeUndefined();
  });

  test('invalid percent-encoding is not decodable', () => {
    expect(decodePathSegments('/a/%E0%A4%A')).toBeUndefined();
  });
});

describe('openapi.errata.yaml', () => {
  test('every erratum points at something in the contract', () => {
    const document = parse(fs.readFileSync(fromRoot('openapi.yaml'), 'utf8'));
    const dangling = loadErrata().filter((erratum) => resolvePointer(document, erratum.pointer) === undefined).map((erratum) => erratum.id);
    expect(dangling).toEqual([]);
  });

  test('patches apply by default and not in strict mode when strict ignores them', () => {
    expect(loadDocument(false).components!.schemas!.productMetadata).toMatchObject({ required: ['name'] });
    expect(loadDocument(true).components!.schemas!.productMetadata).toMatchObject({ required: ['name', 'options'] });
    expect(loadDocument(true).paths['/api/v2/device/license']!.post!.operationId).toBe('post-api-v2-device-license');
  });

  test('a malformed errata file is refused with the reason', () => {
    expect(() => parseErrata('- id: x\n  pointer: /a')).toThrow(/missing "problem"/);
    expect(() => parseErrata('- {id: x, pointer: /a, problem: p, resolution: r, kind: patch, strictIgnores: false}')).toThrow(/needs a "patch" list/);
    expect(fs.existsSync(ERRATA_FILE)).toBe(true);
  });
});
