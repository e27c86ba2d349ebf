import * as fs from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { compare, valid } from 'semver';
import { fromRoot } from '../paths';
import { processShared } from '../spec/shared';

/** The FLECS app manifest schema versions a manifest may declare (fixtures/manifest-schemas/). */
export const MANIFEST_SCHEMA_VERSIONS = ['2.0.0', '3.0.0', '3.1.0', '3.2.0'] as const;

const validators = new Map<string, ValidateFunction>();
/** One schema version's validator, each in its own Ajv (2.0.0 and 3.0.0 share an $id). */
export function manifestValidator(schemaVersion: string): ValidateFunction | undefined {
  const shared = processShared();
  if (shared) return shared.manifestValidator(schemaVersion);
  if (!(MANIFEST_SCHEMA_VERSIONS as readonly string[]).includes(schemaVersion)) return undefined;
  let validate = validators.get(schemaVersion);
  if (!validate) {
    const schema = JSON.parse(fs.readFileSync(fromRoot('fixtures', 'manifest-schemas', schemaVersion, 'manifest.schema.json'), 'utf8'));
    // Ajv is loaded where validators are compiled: in a test file of a run they come from the environment.
    const { default: Ajv } = require('ajv') as typeof import('ajv');
    validate = new Ajv({ strict: false, allErrors: true, validateSchema: false }).compile(schema);
    validators.set(schemaVersion, validate);
  }
  return validate;
}

/** Problems of a manifest against the schema of its own _schemaVersion; [] when it validates. */
export function manifestProblems(manifest: unknown): string[] {
  if (manifest === null || typeof manifest !== 'object') return ['data is not an object'];
  const version = (manifest as Record<string, unknown>)._schemaVersion;
  const validate = typeof version === 'string' ? manifestValidator(version) : undefined;
  if (!validate) return [`_schemaVersion ${JSON.stringify(version)} is not one of ${MANIFEST_SCHEMA_VERSIONS.join(', ')}`];
  if (validate(manifest)) return [];
  return (validate.errors ?? []).slice(0, 5).map((error) => `${error.instancePath || '/'} ${error.message}`);
}

/** SemVer order, as the manifests' max_manifest_version constraint reads it. */
export const compareSemver = (a: string, b: string): number => compare(a, b);
export const isSemver = (value: unknown): value is string => typeof value === 'string' && valid(value) === value;
