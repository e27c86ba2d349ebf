import * as fs from 'node:fs';
import * as path from 'node:path';
import type { OpenAPIV3 } from 'openapi-types';
import type { HttpClient } from '../http/client';
import type { Exchange } from '../http/exchange';
import type { CompiledContract } from '../spec/compiled';
import { LARGEST_CONTRACT_BODY } from '../scenario/outside-contract';
import { runDir, shardLabel } from './run';

/**
 * Contract coverage, the test files' half (lib/report/coverage.ts is the run's end): the item keys a test file's
 * traffic covered, "<operationId> <kind> <detail>" — never a value, so never a secret.
 */
export type Schema = OpenAPIV3.SchemaObject;
export type Parameter = OpenAPIV3.ParameterObject & { schema?: Schema };

const MAX_DEPTH = 12;

const itemsOf = (schema: Schema): Schema | undefined => (schema.type === 'array' ? (schema.items as Schema) : undefined);

/** Every node of a schema tree with its path ("/", "/data/jwt", "/products/[]/name"), depth-bounded. */
export function schemaNodes(schema: Schema | undefined, visit: (node: Schema, path: string) => void, at = '', depth = 0): void {
  if (!schema || depth > MAX_DEPTH) return;
  visit(schema, at || '/');
  for (const [name, child] of Object.entries(schema.properties ?? {})) schemaNodes(child as Schema, visit, `${at}/${name}`, depth + 1);
  const items = itemsOf(schema);
  if (items) schemaNodes(items, visit, `${at}/[]`, depth + 1);
}

/**
 * The values of a schema tree at each path they reach, with that path's schema node: every value at one path is
 * visited together (the items of an array of 500 products are one visit per property, not 500), properties the
 * schema lacks skipped.
 */
export function valueNodes(schema: Schema | undefined, values: unknown[], visit: (node: Schema, path: string, values: unknown[]) => void, at = '', depth = 0): void {
  const present = values.filter((value) => value !== undefined);
  if (!schema || present.length === 0 || depth > MAX_DEPTH) return;
  visit(schema, at || '/', present);
  const items = itemsOf(schema);
  if (items) {
    const all = present.flatMap((value) => (Array.isArray(value) ? value : []));
    if (all.length > 0) valueNodes(items, all, visit, `${at}/[]`, depth + 1);
  }
  const objects = present.filter((value): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value));
  if (objects.length === 0) return;
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    const childValues = objects.map((value) => value[name]);
    if (childValues.some((value) => value !== undefined)) valueNodes(child as Schema, childValues, visit, `${at}/${name}`, depth + 1);
  }
}

export const operationParameters = (pathItem: OpenAPIV3.PathItemObject, operation: OpenAPIV3.OperationObject): Parameter[] =>
  [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])] as Parameter[];

export const jsonSchemaOf = (content: Record<string, OpenAPIV3.MediaTypeObject> | undefined): Schema | undefined =>
  Object.entries(content ?? {}).find(([type]) => /json/i.test(type))?.[1].schema as Schema | undefined;

/** A parameter's text as its schema types it, so that "3" is a valid integer and "x" is not. */
function typedParameter(schema: Schema | undefined, raw: string): unknown {
  if ((schema?.type === 'integer' || schema?.type === 'number') && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw)) return Number(raw);
  if (schema?.type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

function parameterValue(exchange: Exchange, parameter: Parameter, pathParams: Record<string, string>): string | undefined {
  const { request } = exchange;
  if (parameter.in === 'path') return pathParams[parameter.name];
  if (parameter.in === 'query') return new URL(request.url).searchParams.get(parameter.name) ?? undefined;
  if (parameter.in === 'header') return Object.entries(request.headers).find(([name]) => name.toLowerCase() === parameter.name.toLowerCase())?.[1];
  return undefined;
}

/** The request body as JSON; an oversize one (outside the contract, lib/scenario/outside-contract.ts) is not read. */
function parsedRequestBody(exchange: Exchange): { value?: unknown; invalid?: true; oversize?: true } {
  const { body } = exchange.request;
  if (body === undefined || body === '') return {};
  if (body.length > LARGEST_CONTRACT_BODY) return { oversize: true };
  try {
    return { value: JSON.parse(body) as unknown };
  } catch {
    return { invalid: true };
  }
}

/**
 * Each value of a request body, valid or invalid under its schema node. The body is validated once, as a whole
 * (one compiled validator per request schema, not one per node: compiling is the cost), and a node is invalid
 * when an error lies at it or below it.
 */
function requestBodyCoverage(schema: Schema, body: unknown, contract: CompiledContract, add: (key: string) => void): void {
  const errorPaths = contract.validateFully(schema, body).map((error) => error.path);
  const walk = (node: Schema, value: unknown, at: string, concrete: string): void => {
    if (value === undefined) return;
    const invalid = concrete === '' ? errorPaths.length > 0 : errorPaths.some((path) => path === concrete || path.startsWith(`${concrete}/`));
    add(`request ${at || '/'} ${invalid ? 'invalid' : 'valid'}`);
    if (node.pattern && typeof value === 'string') add(`pattern request ${at || '/'}`);
    const items = itemsOf(node);
    if (Array.isArray(value)) {
      if (items) value.forEach((item, i) => walk(items, item, `${at}/[]`, `${concrete}/${i}`));
    } else if (value !== null && typeof value === 'object') {
      const object = value as Record<string, unknown>;
      // A required property left out is an invalid value of that property.
      for (const name of node.required ?? []) if (!(name in object)) add(`request ${at}/${name} invalid`);
      for (const [name, child] of Object.entries(node.properties ?? {})) walk(child as Schema, object[name], `${at}/${name}`, `${concrete}/${name}`);
    }
  };
  walk(schema, body, '', '');
}

/** The item keys one exchange covers (operation-relative keys prefixed with its operationId). */
export function exchangeCoverage(exchange: Exchange, contract: CompiledContract): string[] {
  const info = exchange.operation;
  if (!info) return [];
  const keys = new Set<string>();
  const add = (key: string) => keys.add(key);
  const operation = contract.operationObject(info.operationId);
  const pathParams = contract.index.match(exchange.request.method, exchange.request.path)?.pathParams ?? {};
  for (const parameter of operationParameters(contract.document.paths[info.pathTemplate]!, operation)) {
    const name = `${parameter.in} ${parameter.name}`;
    const raw = parameterValue(exchange, parameter, pathParams);
    if (raw === undefined) {
      if (parameter.required) add(`parameter ${name} invalid`);
      continue;
    }
    const valid = !parameter.schema || contract.validateFully(parameter.schema, typedParameter(parameter.schema, raw)).length === 0;
    add(`parameter ${name} ${valid ? 'valid' : 'invalid'}`);
    if (parameter.schema?.pattern) add(`pattern parameter ${name}`);
  }
  const requestSchema = contract.requestBodySchema(info.operationId);
  if (requestSchema) {
    const body = parsedRequestBody(exchange);
    if (body.invalid || (body.value === undefined && !body.oversize && info.requestBodyRequired)) add('request / invalid');
    if (body.value !== undefined) requestBodyCoverage(requestSchema, body.value, contract, add);
  }
  const { response } = exchange;
  const prefixed = () => [...keys].map((key) => `${info.operationId} ${key}`);
  if (!response) return prefixed();
  add(`status ${response.status}`);
  if (!info.statuses.includes(response.status)) return prefixed();
  for (const header of Object.keys(contract.responseHeaders(info.operationId, response.status))) {
    if (response.headers[header.toLowerCase()] !== undefined) add(`header ${response.status} ${header.toLowerCase()}`);
  }
  if (response.body.kind !== 'json') return prefixed();
  valueNodes(contract.responseSchema(info.operationId, response.status), [response.body.value], (node, at, values) => {
    if (at !== '/') add(`response ${response.status} ${at}`);
    for (const allowed of node.enum ?? []) if (values.includes(allowed)) add(`enum ${response.status} ${at} ${JSON.stringify(allowed)}`);
    if (node.pattern && values.some((value) => typeof value === 'string')) add(`pattern response ${response.status} ${at}`);
  });
  return prefixed();
}

// Recording: each test file (its own module registry) collects the keys of its traffic; each settled test
// appends the keys new since the last one to its shard's file, so a run that is cut short keeps what it saw.
let recorded: { seen: Set<string>; pending: string[] } | undefined;


export const coverageFile = (runId: string, shard = shardLabel()): string => path.join(runDir(runId), `coverage-${shard}.jsonl`);

export function recordCoverage(http: HttpClient, contract: CompiledContract): void {
  const state = { seen: new Set<string>(), pending: [] as string[] };
  recorded = state;
  http.onExchange((exchange) => {
    for (const key of exchangeCoverage(exchange, contract)) {
      if (!state.seen.has(key)) {
        state.seen.add(key);
        state.pending.push(key);
      }
    }
  });
}

/** Appends covered keys to the current shard's file. */
export function appendCoverage(runId: string, keys: string[]): void {
  if (keys.length === 0) return;
  const file = coverageFile(runId);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, JSON.stringify(keys) + '\n');
}

/** A settled test: the keys its file's traffic covered since the last one. */
export function flushCoverage(runId: string): void {
  if (!recorded) return;
  appendCoverage(runId, recorded.pending);
  recorded.pending = [];
}

