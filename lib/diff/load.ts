import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { truncate } from '../checks/types';
import { fromRoot, projectRoot } from '../paths';
import { CONTRACT_FILE, dereferenceContract, parseContract, validateContract } from '../spec/contract';
import type { LoadedContract } from './types';

/** The contract every FLECS release v3.5.0–v5.2.0 compiles its daemon against (fixtures/contracts/README.md). */
export const PINNED_DAEMON_COMMIT = '3df804d';
export const contractFixture = (name: string): string => fromRoot('fixtures', 'contracts', name, 'openapi.yaml');
export const PINNED_DAEMON_CONTRACT = contractFixture(PINNED_DAEMON_COMMIT);
export const DEFAULT_BASE = path.relative(projectRoot, PINNED_DAEMON_CONTRACT);
export const DEFAULT_HEAD = path.relative(projectRoot, CONTRACT_FILE);

/** An input that cannot be read or is not a valid contract: the command says which and why, in one line, exit 2. */
export class InputError extends Error {}

type Role = 'BASE' | 'HEAD';

function git(args: string[]): string {
  return execFileSync('git', args, { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

function fromGit(role: Role, revision: string, file: string): string {
  try {
    git(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]);
  } catch {
    throw new InputError(`${role} ${revision}:${file}: unknown git revision "${revision}"`);
  }
  try {
    return git(['show', `${revision}:${file}`]);
  } catch {
    throw new InputError(`${role} ${revision}:${file}: "${file}" does not exist in git revision ${revision}`);
  }
}

/**
 * An argument is, in this order: a file; the name of an upstream copy in fixtures/contracts/ (3df804d, 82306b9);
 * `REV:path` (a file in a git revision of this repository); a git revision, meaning `REV:openapi.yaml`.
 */
export function readContractText(role: Role, argument: string): { label: string; text: string } {
  if (fs.existsSync(argument) && fs.statSync(argument).isFile()) return { label: argument, text: fs.readFileSync(argument, 'utf8') };
  if (/^[\w.-]+$/.test(argument) && fs.existsSync(contractFixture(argument))) {
    return { label: path.relative(projectRoot, contractFixture(argument)), text: fs.readFileSync(contractFixture(argument), 'utf8') };
  }
  const colon = argument.indexOf(':');
  if (colon > 0) {
    const revision = argument.slice(0, colon);
    const file = argument.slice(colon + 1) || DEFAULT_HEAD;
    return { label: `${revision}:${file}`, text: fromGit(role, revision, file) };
  }
  try {
    git(['rev-parse', '--verify', '--quiet', `${argument}^{commit}`]);
  } catch {
    throw new InputError(`${role} ${argument}: no such file, contract fixture or git revision`);
  }
  return { label: `${argument}:${DEFAULT_HEAD}`, text: fromGit(role, argument, DEFAULT_HEAD) };
}

/** swagger-parser's messages span lines; the command prints one. */
const oneLine = (message: string): string => truncate(message.split('\n').map((line) => line.trim()).filter(Boolean).join('; '), 400);

/**
 * Reads, parses, validates and dereferences one side with the suite's own loader (lib/spec/contract).
 * `trusted`: only dereferenced, for contracts known valid (a fixture, the openapi.yaml a run validates itself).
 */
export async function loadContractVersion(role: Role, argument: string, trusted = false): Promise<LoadedContract> {
  const { label, text } = readContractText(role, argument);
  let raw: Record<string, unknown>;
  try {
    raw = parseContract(text);
  } catch (error) {
    throw new InputError(`${role} ${label}: not YAML or JSON: ${oneLine((error as Error).message)}`);
  }
  if (raw === null || typeof raw !== 'object' || !/^3\.0\./.test(String(raw.openapi))) {
    throw new InputError(`${role} ${label}: not an OpenAPI 3.0 document (its "openapi" field is ${truncate(JSON.stringify(raw?.openapi) ?? 'missing', 40)})`);
  }
  // swagger-parser says only "[object Object] is not a valid Openapi API definition" for these.
  const missing = ['info', 'paths'].filter((field) => raw[field] === null || typeof raw[field] !== 'object');
  if (missing.length > 0) throw new InputError(`${role} ${label}: not a valid OpenAPI contract: it has no ${missing.map((field) => `"${field}" object`).join(' and no ')}`);
  try {
    return { label, raw, dereferenced: await (trusted ? dereferenceContract(raw) : validateContract(raw)) };
  } catch (error) {
    throw new InputError(`${role} ${label}: not a valid OpenAPI contract: ${oneLine((error as Error).message)}`);
  }
}
