import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { fromRoot } from '../paths';
import { redactor } from '../http/redact';

export interface ProfileUser {
  username: string;
  password: string;
  userLicenses?: number;
  /** Ids of the products the user owns: my/products and my/products/apps list none but these. */
  products?: number[];
  /** Ids of the user's orders: my/subscriptions (without store_id) lists each. */
  subscriptions?: number[];
}

export interface Profile {
  name: string;
  description?: string;
  allowWrites: boolean;
  users: ProfileUser[];
  userWithoutLicences?: { username: string; password: string };
  /** A user whose user licences a run uses up: exactly `userLicenses` left when the run starts. */
  userWithFewLicences?: { username: string; password: string; userLicenses: number };
  licenseKeys: string[];
  /** legacyVersions: those of the versions with a manifest of _schemaVersion ≤ 3.0.0 (what v3.5–v5.2 daemons fetch). */
  officialApp?: { app: string; versions: string[]; legacyVersions?: string[] };
  unofficialApp?: { app: string; version: string };
  storeIds: number[];
  /** App products the primary user may review (a server may allow one review per user and product). */
  reviewProductIds?: number[];
}

export class ConfigurationError extends Error {}

export const PROFILE_SCHEMA_FILE = fromRoot('fixtures', 'targets', 'profile.schema.json');
export const REFERENCE_PROFILE_FILE = fromRoot('fixtures', 'targets', 'reference.json');

/** "$env:NAME" strings are read from the environment, so staging secrets never sit in a file. */
function substituteEnv(value: unknown, path: string): unknown {
  if (typeof value === 'string' && value.startsWith('$env:')) {
    const name = value.slice('$env:'.length);
    const resolved = process.env[name];
    if (resolved === undefined) throw new ConfigurationError(`profile ${path}: environment variable ${name} is not set`);
    return resolved;
  }
  if (Array.isArray(value)) return value.map((item, i) => substituteEnv(item, `${path}/${i}`));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, substituteEnv(child, `${path}/${key}`)]));
  }
  return value;
}

/** The sha256 of the last profile text that passed the schema in this process (jest's test files inherit it). */
export const VALIDATED_PROFILE_VARIABLE = 'CONSOLE_PROFILE_VALIDATED';

let compiledSchema: ValidateFunction | undefined;
/** Compiled once per module registry: every test file loads the profile for each of its tests. */
function profileValidator(): ValidateFunction {
  if (!compiledSchema) {
    // Loaded only where a profile is validated: test files of a run skip it (VALIDATED_PROFILE_VARIABLE).
    const { default: Ajv } = require('ajv') as typeof import('ajv');
    compiledSchema = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(fs.readFileSync(PROFILE_SCHEMA_FILE, 'utf8')));
  }
  return compiledSchema;
}

/** Parses and validates a profile; every password and licence key becomes a known secret. */
export function parseProfile(text: string, source: string): Profile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`profile ${source} is not JSON: ${(error as Error).message}`);
  }
  // The command line validated this very text already: the test files of the run skip compiling the schema.
  const digest = createHash('sha256').update(text).digest('hex');
  if (process.env[VALIDATED_PROFILE_VARIABLE] !== digest) {
    const validate = profileValidator();
    if (!validate(raw)) {
      const problems = (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`).join('; ');
      throw new ConfigurationError(`profile ${source} is invalid: ${problems}`);
    }
    process.env[VALIDATED_PROFILE_VARIABLE] = digest;
  }
  const profile = substituteEnv(raw, '') as Profile;
  for (const user of profileLogins(profile)) redactor.addSecret(user.password);
  for (const key of profile.licenseKeys) redactor.addSecret(key);
  return profile;
}

/** Every user the profile can log in as. */
export const profileLogins = (profile: Profile): Array<{ username: string; password: string }> =>
  [...profile.users, profile.userWithoutLicences, profile.userWithFewLicences].filter((user) => user !== undefined);

export function loadProfile(file: string): Profile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new ConfigurationError(`profile ${file} cannot be read`);
  }
  return parseProfile(text, file);
}
