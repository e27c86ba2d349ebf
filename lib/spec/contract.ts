import * as fs from 'node:fs';
import type { OpenAPIV3 } from 'openapi-types';
import { fromRoot } from '../paths';
import { activeErrata, applyPatch, strictMode } from './errata';
import { processShared } from './shared';

export const CONTRACT_FILE = fromRoot('openapi.yaml');
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
export const UNTAGGED = 'Untagged';

export interface OperationInfo {
  operationId: string;
  method: HttpMethod;
  pathTemplate: string;
  /** The first tag, or UNTAGGED: reports group operations by it. */
  tag: string;
  summary: string;
  statuses: number[];
  /** Header parameters by lower-case name (the Authorization the OAS says to ignore included). */
  headerParameters: Record<string, { required: boolean }>;
  queryParameters: string[];
  requestBodyRequired: boolean;
  hasRequestBody: boolean;
}

export interface OperationMatch {
  operation: OperationInfo;
  pathParams: Record<string, string>;
}

/**
 * A run validates and dereferences the contract once (jest global setup) and hands the result to every
 * test file through this cache file, instead of each file parsing and validating it again.
 */
export const CONTRACT_CACHE_VARIABLE = 'CONSOLE_CONTRACT_CACHE';
interface ContractCache {
  strict: boolean;
  document: OpenAPIV3.Document;
  dereferenced: OpenAPIV3.Document;
}
let cacheFile: ContractCache | undefined;
function fromCache(strict: boolean): ContractCache | undefined {
  const file = process.env[CONTRACT_CACHE_VARIABLE];
  if (!file) return undefined;
  cacheFile ??= JSON.parse(fs.readFileSync(file, 'utf8')) as ContractCache;
  return cacheFile.strict === strict ? cacheFile : undefined;
}

export async function writeContractCache(file: string, strict = strictMode()): Promise<void> {
  const cache: ContractCache = { strict, document: contractIndex(strict).document, dereferenced: await dereferencedContract(strict) };
  fs.writeFileSync(file, JSON.stringify(cache));
}

/** Parses the text of a contract (YAML or JSON); not yet validated. */
export function parseContract(text: string): Record<string, unknown> {
  // yaml is loaded only where a contract is parsed, not in every test file of a run (they read the cache).
  const { parse } = require('yaml') as typeof import('yaml');
  return parse(text) as Record<string, unknown>;
}

/** Validates a parsed contract (swagger-parser) and dereferences a copy of it; the document itself is untouched. */
export async function validateContract(document: object): Promise<OpenAPIV3.Document> {
  const copy = structuredClone(document);
  // swagger-parser is loaded only when a contract is validated, not in every test file of a run.
  const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
  return (await SwaggerParser.validate(copy as never)) as OpenAPIV3.Document;
}

/** Dereferences a copy of a contract known to be valid, without validating it again (a tenth of the time). */
export async function dereferenceContract(document: object): Promise<OpenAPIV3.Document> {
  const copy = structuredClone(document);
  const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
  return (await SwaggerParser.dereference(copy as never)) as OpenAPIV3.Document;
}

/** The contract with the active errata applied, not yet dereferenced: the source of every index. */
export function loadDocument(strict = strictMode()): OpenAPIV3.Document {
  const cached = fromCache(strict);
  if (cached) return structuredClone(cached.document);
  const document = parseContract(fs.readFileSync(CONTRACT_FILE, 'utf8'));
  for (const erratum of activeErrata(strict)) {
    if (erratum.kind === 'patch' && erratum.patch) applyPatch(document, erratum.patch, erratum.id);
  }
  return document as unknown as OpenAPIV3.Document;
}

function localRef<T>(document: OpenAPIV3.Document, value: T | OpenAPIV3.ReferenceObject): T {
  if (value && typeof value === 'object' && '$ref' in value) {
    const tokens = value.$ref.replace(/^#\//, '').split('/');
    return tokens.reduce<unknown>((node, token) => (node as Record<string, unknown>)[token], document) as T;
  }
  return value as T;
}

function describeOperations(document: OpenAPIV3.Document): OperationInfo[] {
  const operations: OperationInfo[] = [];
  for (const [pathTemplate, pathItem] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem?.[method];
      if (!operation) continue;
      if (!operation.operationId) throw new Error(`${method.toUpperCase()} ${pathTemplate} has no operationId (see openapi.errata.yaml)`);
      const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((parameter) =>
        localRef<OpenAPIV3.ParameterObject>(document, parameter),
      );
      const headerParameters: OperationInfo['headerParameters'] = {};
      for (const parameter of parameters.filter((p) => p.in === 'header')) {
        headerParameters[parameter.name.toLowerCase()] = { required: parameter.required === true };
      }
      const requestBody = operation.requestBody && localRef<OpenAPIV3.RequestBodyObject>(document, operation.requestBody);
      operations.push({
        operationId: operation.operationId,
        method,
        pathTemplate,
        tag: operation.tags?.[0] ?? UNTAGGED,
        summary: operation.summary ?? '',
        statuses: Object.keys(operation.responses ?? {}).map(Number).sort((a, b) => a - b),
        headerParameters,
        queryParameters: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        requestBodyRequired: requestBody?.required === true,
        hasRequestBody: requestBody !== undefined,
      });
    }
  }
  return operations;
}

/** Splits a request path into decoded segments; undefined when its percent-encoding is invalid. */
export function decodePathSegments(rawPath: string): string[] | undefined {
  const pathOnly = rawPath.split(/[?#]/, 1)[0].replace(/^\/+/, '/');
  try {
    return pathOnly.split('/').slice(1).map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
}

export class ContractIndex {
  readonly operations: OperationInfo[];
  private readonly byId = new Map<string, OperationInfo>();

  constructor(readonly document: OpenAPIV3.Document) {
    this.operations = describeOperations(document);
    for (const operation of this.operations) {
      if (this.byId.has(operation.operationId)) throw new Error(`duplicate operationId ${operation.operationId}`);
      this.byId.set(operation.operationId, operation);
    }
  }

  get title(): string {
    return this.document.info.title;
  }

  operation(operationId: string): OperationInfo {
    const operation = this.byId.get(operationId);
    if (!operation) throw new Error(`unknown operationId "${operationId}" (not in openapi.yaml)`);
    return operation;
  }

  has(operationId: string): boolean {
    return this.byId.has(operationId);
  }

  /** Finds the operation a request addresses: `{param}` segments, percent-encoding and `//` prefixes handled. */
  match(method: string, rawPath: string): OperationMatch | undefined {
    const segments = decodePathSegments(rawPath);
    if (!segments) return undefined;
    for (const operation of this.operations) {
      if (operation.method !== method.toLowerCase()) continue;
      const template = operation.pathTemplate.split('/').slice(1);
      if (template.length !== segments.length) continue;
      const pathParams: Record<string, string> = {};
      const matches = template.every((part, i) => {
        const parameter = /^\{(.+)\}$/.exec(part);
        if (parameter) {
          pathParams[parameter[1]] = segments[i];
          return segments[i] !== '';
        }
        return part === segments[i];
      });
      if (matches) return { operation, pathParams };
    }
    return undefined;
  }

  /** Methods the contract documents for the path a request addresses (for 405 Allow). */
  methodsForPath(rawPath: string): HttpMethod[] {
    return HTTP_METHODS.filter((method) => this.match(method, rawPath) !== undefined);
  }
}

const indexes = new Map<boolean, ContractIndex>();
/** Synchronous: test registration needs the operations and statuses before any await. */
export function contractIndex(strict = strictMode()): ContractIndex {
  const shared = processShared();
  if (shared) return shared.contractIndex(strict);
  let index = indexes.get(strict);
  if (!index) {
    index = new ContractIndex(loadDocument(strict));
    indexes.set(strict, index);
  }
  return index;
}

const dereferenced = new Map<boolean, Promise<OpenAPIV3.Document>>();
/** Validated (swagger-parser) and dereferenced once per process and mode. */
export function dereferencedContract(strict = strictMode()): Promise<OpenAPIV3.Document> {
  let pending = dereferenced.get(strict);
  if (!pending) {
    const cached = fromCache(strict);
    pending = cached ? Promise.resolve(cached.dereferenced) : validateContract(contractIndex(strict).document);
    dereferenced.set(strict, pending);
  }
  return pending;
}
