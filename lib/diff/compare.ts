import type { OpenAPIV3 } from 'openapi-types';
import { pointerOf, pointerTokens, resolvePointer, type Erratum } from '../spec/errata';
import { clientsOf, loadClients, type RealClient } from './clients';
import { errataFindings } from './errata';
import { endpoint, matchOperations, operationsOf } from './operations';
import { child, matchedResponses, mediaTypesOf, parametersOf, requestBodyOf, headersOf, type Located } from './parts';
import { ADDED_OPERATION_RULES, DOCUMENT_RULES, OPERATION_RULES, REMOVED_OPERATION_RULES, SCHEMA_RULES } from './rules';
import { unpairedCompositions } from './rules/schemas';
import { SEVERITIES, type Change, type DiffResult, type Finding, type LoadedContract, type OperationPair, type OperationView, type Rule, type SchemaPair, type Severity } from './types';

type Schema = OpenAPIV3.SchemaObject;
type Report = (rule: Rule<never>, change: Change) => void;

/**
 * The pointer into the file as written of a node the dereferenced document has at `path`: each local $ref on the
 * way is followed, so a change inside a shared schema points at its one definition (`/components/schemas/…`).
 */
export function filePointer(raw: unknown, path: string): string {
  let node = raw;
  let pointer = '';
  const follow = () => {
    const seen = new Set<string>();
    while (node && typeof node === 'object' && typeof (node as { $ref?: unknown }).$ref === 'string') {
      const ref = (node as { $ref: string }).$ref;
      if (!ref.startsWith('#') || seen.has(ref)) return;
      seen.add(ref);
      pointer = ref.slice(1);
      node = resolvePointer(raw, pointer);
    }
  };
  for (const token of pointerTokens(path)) {
    follow();
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[token] : undefined;
    pointer += pointerOf([token]);
  }
  follow();
  return pointer;
}

/** Applies every schema rule to a pair, then walks into the parts both sides have. */
function walkSchemas(pair: SchemaPair, report: Report, ancestors: Set<object> = new Set()): void {
  for (const rule of SCHEMA_RULES) rule.check(pair, (change) => report(rule as Rule<never>, change));
  // A recursive schema is compared once per level of recursion it has on both sides.
  if (ancestors.has(pair.base) || ancestors.has(pair.head)) return;
  const inner = new Set(ancestors).add(pair.base).add(pair.head);
  const into = (base: unknown, head: unknown, tokens: string[], field: string) => {
    if (base && head && typeof base === 'object' && typeof head === 'object') {
      walkSchemas({ ...pair, base: base as Schema, head: head as Schema, basePath: child(pair.basePath, ...tokens), headPath: child(pair.headPath, ...tokens), field }, report, inner);
    }
  };
  const prefix = pair.field ? `${pair.field}.` : '';
  for (const [name, property] of Object.entries(pair.base.properties ?? {})) into(property, pair.head.properties?.[name], ['properties', name], `${prefix}${name}`);
  into((pair.base as OpenAPIV3.ArraySchemaObject).items, (pair.head as OpenAPIV3.ArraySchemaObject).items, ['items'], `${pair.field}[]`);
  into(pair.base.additionalProperties, pair.head.additionalProperties, ['additionalProperties'], `${prefix}*`);
  const unpaired = unpairedCompositions(pair);
  for (const keyword of (['allOf', 'anyOf', 'oneOf'] as const).filter((keyword) => !unpaired.includes(keyword))) {
    (pair.base[keyword] ?? []).forEach((branch, i) => into(branch, pair.head[keyword]![i], [keyword, String(i)], `${pair.field}(${keyword}[${i}])`));
  }
  if (!unpaired.includes('not')) into(pair.base.not, pair.head.not, ['not'], `${pair.field}(not)`);
}

type Direction = SchemaPair['direction'];
const schemaPair = (base: Located<{ schema?: unknown }>, head: Located<{ schema?: unknown }>, direction: Direction, where: string): SchemaPair | undefined =>
  base.value.schema && head.value.schema
    ? { base: base.value.schema as Schema, head: head.value.schema as Schema, basePath: child(base.path, 'schema'), headPath: child(head.path, 'schema'), direction, where, field: '' }
    : undefined;

/** The schemas both versions of an operation have: parameters, request bodies, response bodies and headers. */
function schemaPairs(pair: OperationPair): SchemaPair[] {
  const pairs: Array<SchemaPair | undefined> = [];
  const headParameters = parametersOf(pair.head);
  for (const [key, base] of parametersOf(pair.base)) {
    const head = headParameters.get(key);
    if (head) pairs.push(schemaPair(base, head, 'request', `request ${head.value.in} parameter ${head.value.name}`));
  }
  const baseBody = requestBodyOf(pair.base);
  const headBody = requestBodyOf(pair.head);
  if (baseBody && headBody) {
    const headMedia = mediaTypesOf(headBody.value.content, headBody.path);
    for (const [key, base] of mediaTypesOf(baseBody.value.content, baseBody.path)) {
      const head = headMedia.get(key);
      if (head) pairs.push(schemaPair(base, head, 'request', `request body ${head.name}`));
    }
  }
  for (const [status, baseResponse, headResponse] of matchedResponses(pair)) {
    const headMedia = mediaTypesOf(headResponse.value.content, headResponse.path);
    for (const [key, base] of mediaTypesOf(baseResponse.value.content, baseResponse.path)) {
      const head = headMedia.get(key);
      if (head) pairs.push(schemaPair(base, head, 'response', `response ${status} ${head.name}`));
    }
    const headHeaders = headersOf(headResponse);
    for (const [key, base] of headersOf(baseResponse)) {
      const head = headHeaders.get(key);
      if (head) pairs.push(schemaPair(base, head, 'response', `response ${status} header ${head.name}`));
    }
  }
  return pairs.filter((entry): entry is SchemaPair => entry !== undefined);
}

/*
 * Why our own rules rather than a diff library: api-smart-diff 1.0.6 (the well-kept npm one; oasdiff is Go and not on
 * npm) was tried on this contract. It classifies a response type change (timestamp integer → string) as non-breaking,
 * matches parameters by array index (a relocated header reads as remove + add, not as a move), reports shared
 * components apart from the operations that use them, and has no WARNING level; mapping its paths to operations,
 * clients and rule names would have been as much code as the rules themselves.
 */
export interface CompareOptions {
  clients?: RealClient[];
  /** The errata to check against HEAD (default: openapi.errata.yaml). */
  errata?: Erratum[];
}

/** Every change from BASE to HEAD, operation by operation, and the errata HEAD makes stale. */
export function compareContracts(base: LoadedContract, head: LoadedContract, options: CompareOptions = {}): DiffResult {
  const clients = options.clients ?? loadClients();
  const findings: Finding[] = [];
  const reporter = (operation: string, view: { base?: OperationView; head?: OperationView }): Report => (rule, change) =>
    findings.push({
      rule: rule.name,
      severity: change.severity,
      operation,
      endpoint: view.head ? endpoint(view.head) : view.base ? endpoint(view.base) : undefined,
      where: change.where,
      message: change.message,
      base: change.basePath === undefined ? undefined : { pointer: filePointer(base.raw, change.basePath), path: change.basePath },
      head: change.headPath === undefined ? undefined : { pointer: filePointer(head.raw, change.headPath), path: change.headPath },
      clients: clientsOf(clients, ...[view.base?.id, view.head?.id].filter((id): id is string => id !== undefined)),
    });
  const run = <T>(rules: Array<Rule<T>>, subject: T, report: Report) => rules.forEach((rule) => rule.check(subject, (change) => report(rule as Rule<never>, change)));

  const matching = matchOperations(operationsOf(base.dereferenced), operationsOf(head.dereferenced));
  for (const view of matching.removed) run(REMOVED_OPERATION_RULES, { view, other: head.dereferenced }, reporter(view.id, { base: view }));
  const unchanged: string[] = [];
  for (const pair of matching.pairs) {
    const before = findings.length;
    const report = reporter(pair.head.id, pair);
    run(OPERATION_RULES, pair, report);
    for (const schemas of schemaPairs(pair)) walkSchemas(schemas, report);
    if (findings.length === before) unchanged.push(pair.head.id);
  }
  for (const view of matching.added) run(ADDED_OPERATION_RULES, { view, other: base.dereferenced }, reporter(view.id, { head: view }));
  run(DOCUMENT_RULES, { base: base.dereferenced, head: head.dereferenced }, reporter('components', {}));
  findings.push(...errataFindings(head, options.errata));

  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, findings.filter((finding) => finding.severity === severity).length])) as Record<Severity, number>;
  return { base: base.label, head: head.label, findings, unchanged, counts };
}
