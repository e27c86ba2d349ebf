import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import type OpenAPIResponseValidator from 'openapi-response-validator';
import type { OpenAPIV3 } from 'openapi-types';
import { policyActive, strictMode } from './errata';
import { contractIndex, dereferencedContract, type ContractIndex } from './contract';
import { processShared } from './shared';

type Schema = OpenAPIV3.SchemaObject;

export interface SchemaError {
  path: string;
  message: string;
}

/*
 * The validator libraries are loaded where a contract is compiled: a test file of a run uses the contract its
 * environment compiled (lib/spec/shared.ts) and never loads them.
 */
const libraries = () => ({
  Ajv: (require('ajv') as typeof import('ajv')).default,
  OpenAPIResponseValidator: (require('openapi-response-validator') as typeof import('openapi-response-validator')).default,
  formats: (require('ajv-formats/dist/formats') as typeof import('ajv-formats/dist/formats')).fullFormats,
});

type StringFormats = Record<'date' | 'date-time', (value: string) => boolean>;
/** String formats the contract uses. openapi-response-validator takes only function formats. */
function stringFormats(formats: ReturnType<typeof libraries>['formats']): StringFormats {
  const check = (name: 'date' | 'date-time') => (value: string) => (formats[name] as { validate: (s: string) => boolean }).validate(value);
  return { date: check('date'), 'date-time': check('date-time') };
}

/** Integer formats become ranges, which the validator enforces; int16 only through its erratum. */
function integerRanges(strict: boolean): Record<string, [number, number]> {
  const ranges: Record<string, [number, number]> = {
    int32: [-(2 ** 31), 2 ** 31 - 1],
    // Signed 64 bits (OAS 3.0.3 §4.7.4), nanosecond timestamps included. JSON numbers arrive as doubles, and the
    // nearest double to 2^63−1 is 2^63: the bounds are the doubles an int64 can arrive as.
    int64: [-(2 ** 63), 2 ** 63],
  };
  if (policyActive('format-int16', strict)) ranges.int16 = [-32768, 32767];
  return ranges;
}

/** A copy of a schema tree without the given keywords (a `pattern` property name is kept: only string keywords go). */
function without(value: unknown, keywords: string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => without(item, keywords));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, child]) => !(keywords.includes(key) && (key !== 'pattern' || typeof child === 'string')))
      .map(([key, child]) => [key, without(child, keywords)]),
  );
}

function applyRange(node: Record<string, unknown>, ranges: Record<string, [number, number]>): Record<string, unknown> {
  const range = typeof node.format === 'string' ? ranges[node.format] : undefined;
  if (range) {
    node.minimum = Math.max(range[0], typeof node.minimum === 'number' ? node.minimum : range[0]);
    node.maximum = Math.min(range[1], typeof node.maximum === 'number' ? node.maximum : range[1]);
    delete node.format;
  }
  return node;
}

/** Integer formats as ranges everywhere in a (copied) schema tree. */
function withIntegerRanges(value: unknown, ranges: Record<string, [number, number]>): unknown {
  if (Array.isArray(value)) return value.map((item) => withIntegerRanges(item, ranges));
  if (value === null || typeof value !== 'object') return value;
  const node = Object.fromEntries(Object.entries(value).map(([key, child]) => [key, withIntegerRanges(child, ranges)]));
  return applyRange(node, ranges);
}

/**
 * The copy of a schema tree that response_schema_conformance compiles: no `pattern` (patterns belong to
 * pattern_conformance alone, so one violation is one failure), no examples, integer formats as ranges.
 */
export const forBodyValidation = <T>(value: T, ranges: Record<string, [number, number]>): T =>
  withIntegerRanges(without(value, ['pattern', 'example', 'examples']), ranges) as T;

export class CompiledContract {
  private readonly libraries = libraries();
  private readonly formats = stringFormats(this.libraries.formats);
  private readonly validators = new Map<string, OpenAPIResponseValidator>();
  private readonly ajv: Ajv;
  private readonly schemaValidators = new WeakMap<object, ValidateFunction>();
  /** Patterns kept and read without the `u` flag, as ECMAScript reads the contract's regexes. */
  private readonly ajvWithPatterns: Ajv;
  private readonly fullValidators = new WeakMap<object, ValidateFunction>();

  constructor(
    readonly index: ContractIndex,
    readonly document: OpenAPIV3.Document,
    readonly strict: boolean,
  ) {
    this.ajv = new this.libraries.Ajv({ strict: false, allErrors: true, formats: this.formats });
    this.ajvWithPatterns = new this.libraries.Ajv({ strict: false, allErrors: true, formats: this.formats, unicodeRegExp: false });
  }

  operationObject(operationId: string): OpenAPIV3.OperationObject {
    const info = this.index.operation(operationId);
    return this.document.paths[info.pathTemplate]![info.method] as OpenAPIV3.OperationObject;
  }

  response(operationId: string, status: number): OpenAPIV3.ResponseObject | undefined {
    return this.operationObject(operationId).responses[String(status)] as OpenAPIV3.ResponseObject | undefined;
  }

  /** The documented schema of a response body, or undefined when that status has no content. */
  responseSchema(operationId: string, status: number): Schema | undefined {
    const content = this.response(operationId, status)?.content;
    if (!content) return undefined;
    return Object.values(content)[0]?.schema as Schema | undefined;
  }

  responseMediaTypes(operationId: string, status: number): string[] {
    return Object.keys(this.response(operationId, status)?.content ?? {});
  }

  responseHeaders(operationId: string, status: number): Record<string, OpenAPIV3.HeaderObject> {
    return (this.response(operationId, status)?.headers ?? {}) as Record<string, OpenAPIV3.HeaderObject>;
  }

  requestBodySchema(operationId: string): Schema | undefined {
    const body = this.operationObject(operationId).requestBody as OpenAPIV3.RequestBodyObject | undefined;
    return body?.content?.['application/json']?.schema as Schema | undefined;
  }

  componentSchema(name: string): Schema {
    const schema = this.document.components?.schemas?.[name] as Schema | undefined;
    if (!schema) throw new Error(`no component schema "${name}"`);
    return schema;
  }

  /** openapi-response-validator, compiled once per operation (it compiles all statuses at once). */
  private validator(operationId: string): OpenAPIResponseValidator {
    let validator = this.validators.get(operationId);
    if (!validator) {
      const responses = forBodyValidation(this.operationObject(operationId).responses, integerRanges(this.strict));
      validator = new this.libraries.OpenAPIResponseValidator({
        responses: responses as never,
        customFormats: this.formats,
        errorTransformer: (error, ajvError) => ({
          path: error.path,
          message:
            ajvError.keyword === 'additionalProperties'
              ? `must NOT have additional property "${String(ajvError.params.additionalProperty)}"`
              : error.message,
        }),
      });
      this.validators.set(operationId, validator);
    }
    return validator;
  }

  /** Validates a parsed body against the documented schema of (operation, status); [] when it conforms. */
  validateResponseBody(operationId: string, status: number, body: unknown): SchemaError[] {
    // The validator applies defaults in place (useDefaults): never let it touch the recorded body.
    const result = this.validator(operationId).validateResponse(String(status), structuredClone(body));
    if (!result) return [];
    return (result.errors as Array<{ path?: string; message: string }>).map((error) => ({
      path: error.path ? '/' + error.path.replace(/^response\/?/, '') : '/',
      message: error.message,
    }));
  }
  /** Validates a value against a contract schema with everything it says, patterns included (generators, requests). */
  validateFully(schema: Schema, value: unknown): SchemaError[] {
    let validate = this.fullValidators.get(schema);
    if (!validate) {
      validate = this.ajvWithPatterns.compile(withIntegerRanges(without(schema, ['example', 'examples']), integerRanges(this.strict)) as object);
      this.fullValidators.set(schema, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => ({ path: error.instancePath || '/', message: error.message ?? error.keyword }));
  }

  /** Validates any value (a header, a nested object) against a contract schema, patterns left out. */
  validateValue(schema: Schema, value: unknown): SchemaError[] {
    let validate = this.schemaValidators.get(schema);
    if (!validate) {
      validate = this.ajv.compile(forBodyValidation(schema, integerRanges(this.strict)) as object);
      this.schemaValidators.set(schema, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => ({ path: error.instancePath || '/', message: error.message ?? error.keyword }));
  }
}

const compiled = new Map<boolean, Promise<CompiledContract>>();
/** The contract, validated, dereferenced and compiled once per process (and per strict mode). */
export function loadContract(strict = strictMode()): Promise<CompiledContract> {
  const shared = processShared();
  if (shared) return shared.loadContract(strict);
  let pending = compiled.get(strict);
  if (!pending) {
    pending = dereferencedContract(strict).then((document) => new CompiledContract(contractIndex(strict), document, strict));
    compiled.set(strict, pending);
  }
  return pending;
}
