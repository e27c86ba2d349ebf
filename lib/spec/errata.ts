import * as fs from 'node:fs';
import { fromRoot } from '../paths';

/** One RFC 6902 operation, applied to the contract in memory (never to openapi.yaml). */
export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
}

/**
 * A defect of the contract that changes what a correct server does, and how the suite resolves it.
 * `patch` entries are applied to the document; `policy` entries are consulted by checks and scenarios
 * through `policyActive(id)`; `informational` entries change nothing and are listed in reports.
 */
export interface Erratum {
  id: string;
  pointer: string;
  problem: string;
  resolution: string;
  kind: 'patch' | 'policy' | 'informational';
  /** true: `--strict` (the contract as written) does not apply this resolution. */
  strictIgnores: boolean;
  patch?: PatchOperation[];
}

export const ERRATA_FILE = fromRoot('openapi.errata.yaml');

const REQUIRED_FIELDS = ['id', 'pointer', 'problem', 'resolution', 'kind', 'strictIgnores'] as const;

export function parseErrata(text: string): Erratum[] {
  const raw: unknown = (require('yaml') as typeof import('yaml')).parse(text);
  if (!Array.isArray(raw)) throw new Error('openapi.errata.yaml: expected a list of errata');
  const seen = new Set<string>();
  return raw.map((entry: Record<string, unknown>, index) => {
    for (const field of REQUIRED_FIELDS) {
      if (entry[field] === undefined) throw new Error(`openapi.errata.yaml entry #${index}: missing "${field}"`);
    }
    const id = String(entry.id);
    if (seen.has(id)) throw new Error(`openapi.errata.yaml: duplicate erratum id "${id}"`);
    seen.add(id);
    if (!['patch', 'policy', 'informational'].includes(String(entry.kind))) {
      throw new Error(`openapi.errata.yaml ${id}: kind must be patch, policy or informational`);
    }
    if (entry.kind === 'patch' && !Array.isArray(entry.patch)) {
      throw new Error(`openapi.errata.yaml ${id}: a patch erratum needs a "patch" list`);
    }
    return entry as unknown as Erratum;
  });
}

/** Set by a run's global setup: the errata, parsed once, for every test file. */
export const ERRATA_VARIABLE = 'CONSOLE_ERRATA_JSON';

let cached: Erratum[] | undefined;
export function loadErrata(): Erratum[] {
  const handedOver = process.env[ERRATA_VARIABLE];
  cached ??= handedOver ? (JSON.parse(handedOver) as Erratum[]) : parseErrata(fs.readFileSync(ERRATA_FILE, 'utf8'));
  return cached;
}

/** Strict mode: the contract exactly as written; errata that it ignores are not applied. */
export const strictMode = (): boolean => /^(1|true|yes)$/i.test(process.env.CONSOLE_STRICT ?? '');

export function activeErrata(strict = strictMode()): Erratum[] {
  return loadErrata().filter((erratum) => !(strict && erratum.strictIgnores));
}

export function policyActive(id: string, strict = strictMode()): boolean {
  const erratum = loadErrata().find((entry) => entry.id === id);
  if (!erratum) throw new Error(`unknown erratum "${id}" (see openapi.errata.yaml)`);
  return !(strict && erratum.strictIgnores);
}

const decodePointerToken = (token: string): string => token.replace(/~1/g, '/').replace(/~0/g, '~');
export const encodePointerToken = (token: string): string => token.replace(/~/g, '~0').replace(/\//g, '~1');
/** The JSON pointer of a list of (unescaped) tokens. */
export const pointerOf = (tokens: string[]): string => tokens.map((token) => '/' + encodePointerToken(token)).join('');

export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`not a JSON pointer: ${pointer}`);
  return pointer.slice(1).split('/').map(decodePointerToken);
}

export function resolvePointer(document: unknown, pointer: string): unknown {
  let node: unknown = document;
  for (const token of pointerTokens(pointer)) {
    if (node === null || typeof node !== 'object' || !(token in node)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** Applies RFC 6902 add/replace/remove in place; a path that does not resolve is an error in the errata. */
export function applyPatch(document: Record<string, unknown>, operations: PatchOperation[], label: string): void {
  for (const operation of operations) {
    const tokens = pointerTokens(operation.path);
    const last = tokens.pop();
    const parent = resolvePointer(document, pointerOf(tokens));
    if (last === undefined || parent === null || typeof parent !== 'object') {
      throw new Error(`erratum ${label}: ${operation.path} does not resolve in openapi.yaml`);
    }
    const container = parent as Record<string, unknown>;
    if (operation.op !== 'add' && !(last in container)) {
      throw new Error(`erratum ${label}: ${operation.op} of missing ${operation.path}`);
    }
    if (operation.op === 'remove') delete container[last];
    else container[last] = operation.value;
  }
}
