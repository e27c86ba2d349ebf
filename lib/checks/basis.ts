import { contractIndex } from '../spec/contract';
import type { Strength } from './types';

/**
 * Why an assertion is one: the text a reader can argue with (h2spec cites the RFC section, test262 the esid).
 *   openapi.yaml#/paths/~1api~1v2~1tokens/post/responses/204   a JSON pointer into the contract
 *   erratum undocumented-4xx                                     an entry of openapi.errata.yaml
 *   RFC 9110 §11.1 MUST  /  RFC 9110 §15.5 SHOULD                a clause of an RFC and its keyword
 *   real-clients 22                                              an item of docs/real-clients.md (what real FLECS clients rely on)
 *   convention: <what>                                           an HTTP or API habit no text requires
 * Only the first three (with MUST) can make a finding MUST; the others are SHOULD at most.
 */
export type Basis = `openapi.yaml#/${string}` | `erratum ${string}` | `RFC ${number} §${string} ${'MUST' | 'SHOULD'}` | `real-clients ${number}` | `convention: ${string}`;

export type BasisKind = 'contract' | 'erratum' | 'rfc-must' | 'rfc-should' | 'real-client' | 'convention';

const RFC = /^RFC \d+ §[\w.-]+ (MUST|SHOULD)$/;

export function basisKind(basis: string): BasisKind | undefined {
  if (basis.startsWith('openapi.yaml#/')) return 'contract';
  if (/^erratum [\w-]+$/.test(basis)) return 'erratum';
  const rfc = RFC.exec(basis);
  if (rfc) return rfc[1] === 'MUST' ? 'rfc-must' : 'rfc-should';
  if (/^real-clients \d+$/.test(basis)) return 'real-client';
  if (/^convention: .+/.test(basis)) return 'convention';
  return undefined;
}

const canMakeMust = (basis: string): boolean => ['contract', 'erratum', 'rfc-must'].includes(basisKind(basis) ?? '');

const RANK: Record<Strength, number> = { INFORMATIONAL: 0, SHOULD: 1, MUST: 2 };
export const weaker = (a: Strength, b: Strength): Strength => (RANK[a] <= RANK[b] ? a : b);

/** The strongest a finding on these bases may be: MUST needs a contract, erratum or RFC-MUST basis. */
export const strongestAllowed = (bases: readonly string[]): Strength => (bases.some(canMakeMust) ? 'MUST' : 'SHOULD');

/** The declared strength, lowered to what the bases can carry. */
export const boundedStrength = (declared: Strength, bases: readonly string[]): Strength => weaker(declared, strongestAllowed(bases));

const escapeToken = (token: string): string => token.replace(/~/g, '~0').replace(/\//g, '~1');

/** A pointer into the contract from its tokens (unescaped), e.g. ['components', 'schemas', 'id']. */
export const contractPointer = (...tokens: Array<string | number>): Basis => `openapi.yaml#/${tokens.map((t) => escapeToken(String(t))).join('/')}`;

/** The pointer of an operation, or of something inside it: operationBasis(id, 'responses', 204). */
export function operationBasis(operationId: string, ...tokens: Array<string | number>): Basis {
  const operation = contractIndex().operation(operationId);
  return contractPointer('paths', operation.pathTemplate, operation.method, ...tokens);
}

export const responseBasis = (operationId: string, status: number): Basis => operationBasis(operationId, 'responses', status);

/** The pointer of a parameter of an operation (path-level or operation-level), found by name. */
export function parameterBasis(operationId: string, name: string): Basis {
  const operation = contractIndex().operation(operationId);
  const pathItem = contractIndex().document.paths[operation.pathTemplate]!;
  const operationParameters = (pathItem[operation.method] as { parameters?: unknown[] }).parameters ?? [];
  const named = (parameters: unknown[]) =>
    parameters.findIndex((parameter) => {
      const ref = (parameter as { $ref?: string }).$ref;
      const resolved = ref ? contractIndex().document.components?.parameters?.[ref.split('/').pop()!] : parameter;
      return (resolved as { name?: string } | undefined)?.name?.toLowerCase() === name.toLowerCase();
    });
  const inOperation = named(operationParameters);
  if (inOperation >= 0) return operationBasis(operationId, 'parameters', inOperation);
  const inPath = named(pathItem.parameters ?? []);
  if (inPath >= 0) return contractPointer('paths', operation.pathTemplate, 'parameters', inPath);
  throw new Error(`${operationId} has no parameter ${name}`);
}

export const requestBodyBasis = (operationId: string): Basis => operationBasis(operationId, 'requestBody');
export const erratumBasis = (id: string): Basis => `erratum ${id}`;
export const realClient = (item: number): Basis => `real-clients ${item}`;
export const rfc = (rfcNumber: number, clause: string, keyword: 'MUST' | 'SHOULD'): Basis => `RFC ${rfcNumber} §${clause} ${keyword}`;

/** Why a basis cannot be pointed at, or undefined when it resolves (the self-tests run this on every basis). */
export function unresolvedBasis(basis: string, sources: { contract: unknown; errata: ReadonlySet<string>; realClientItems: number }): string | undefined {
  const kind = basisKind(basis);
  if (!kind) return `"${basis}" is not a basis (openapi.yaml#/…, erratum <id>, RFC <n> §<clause> MUST|SHOULD, real-clients <n>, convention: …)`;
  if (kind === 'contract') {
    let node: unknown = sources.contract;
    for (const token of basis.slice('openapi.yaml#/'.length).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))) {
      if (node === null || typeof node !== 'object' || !(token in node)) return `${basis} does not resolve in openapi.yaml (at "${token}")`;
      node = (node as Record<string, unknown>)[token];
    }
  }
  if (kind === 'erratum' && !sources.errata.has(basis.slice('erratum '.length))) return `${basis}: no such erratum in openapi.errata.yaml`;
  if (kind === 'real-client') {
    const item = Number(basis.slice('real-clients '.length));
    if (item < 1 || item > sources.realClientItems) return `${basis}: real-clients items are 1–${sources.realClientItems}`;
  }
  return undefined;
}
