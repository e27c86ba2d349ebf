import type { OpenAPIV3 } from 'openapi-types';
import { truncate } from '../../checks/types';
import { child } from '../parts';
import type { Direction, Rule, SchemaPair, Severity } from '../types';

type Schema = OpenAPIV3.SchemaObject;
export type SchemaRule = Rule<SchemaPair>;

const shown = (value: unknown): string => truncate(JSON.stringify(value) ?? 'none', 120);
export const located = (pair: SchemaPair, field = pair.field): string => (field ? `${pair.where} ${field}` : pair.where);
export const fieldOf = (pair: SchemaPair, name: string): string => (pair.field ? `${pair.field}.${name}` : name);

/**
 * A change that narrows what is allowed breaks requests (clients send what BASE allowed) and is harmless in
 * responses; one that widens it is harmless in requests and may surprise clients of responses.
 */
const byDirection = (direction: Direction, narrows: boolean, whenBreaking: Severity): Severity =>
  (direction === 'request') === narrows ? whenBreaking : 'INFO';

/** Whether every value of type `from` is a value of type `to` (undefined = any type). */
const typeIncludes = (to: string | undefined, from: string | undefined): boolean =>
  to === undefined || to === from || (to === 'number' && from === 'integer');

export const typeChanged: SchemaRule = {
  name: 'type-changed',
  title: 'The type of a value changed (integer→number is compatible in requests, number→integer in responses).',
  check(pair, emit) {
    const before = pair.base.type;
    const after = pair.head.type;
    if (before === after) return;
    const compatible = pair.direction === 'request' ? typeIncludes(after, before) : typeIncludes(before, after);
    // A response that loses its type may still send what it did: a client cannot rely on it, but nothing says it breaks.
    const severity: Severity = compatible ? 'INFO' : pair.direction === 'response' && after === undefined ? 'WARNING' : 'ERROR';
    emit({ severity, where: located(pair), message: `type ${shown(before)} → ${shown(after)}`, basePath: child(pair.basePath, 'type'), headPath: child(pair.headPath, 'type') });
  },
};

export const nullableChanged: SchemaRule = {
  name: 'nullable-changed',
  title: 'null became allowed in a response, or stopped being allowed in a request.',
  check(pair, emit) {
    const before = pair.base.nullable === true;
    const after = pair.head.nullable === true;
    if (before === after) return;
    const severity = byDirection(pair.direction, before, 'ERROR');
    emit({ severity, where: located(pair), message: after ? 'null is now allowed' : 'null is no longer allowed', basePath: child(pair.basePath, 'nullable'), headPath: child(pair.headPath, 'nullable') });
  },
};

const FORMAT_WIDENINGS: Record<string, string> = { int32: 'int64', float: 'double' };
/** Whether every value of format `from` is a value of format `to` (undefined = no format). */
const formatIncludes = (to: string | undefined, from: string | undefined): boolean =>
  to === undefined || to === from || (from !== undefined && FORMAT_WIDENINGS[from] === to);

export const formatChanged: SchemaRule = {
  name: 'format-changed',
  title: 'The format of a value changed; a format added to a request or dropped from a response may break a client.',
  check(pair, emit) {
    const before = pair.base.format;
    const after = pair.head.format;
    if (before === after) return;
    const compatible = pair.direction === 'request' ? formatIncludes(after, before) : formatIncludes(before, after);
    // A new or dropped format alone is often not enforced: it may break a client, a changed one breaks it.
    const severity: Severity = compatible ? 'INFO' : before === undefined || after === undefined ? 'WARNING' : 'ERROR';
    emit({ severity, where: located(pair), message: `format ${shown(before)} → ${shown(after)}`, basePath: child(pair.basePath, 'format'), headPath: child(pair.headPath, 'format') });
  },
};

export const enumChanged: SchemaRule = {
  name: 'enum-changed',
  title: 'Allowed values narrowed on a request (ERROR) or widened on a response (WARNING: a client may not know the new value).',
  check(pair, emit) {
    const before = pair.base.enum?.map((value) => JSON.stringify(value));
    const after = pair.head.enum?.map((value) => JSON.stringify(value));
    if (!before && !after) return;
    const removed = before && after ? before.filter((value) => !after.includes(value)) : [];
    const added = before && after ? after.filter((value) => !before.includes(value)) : [];
    const paths = { basePath: child(pair.basePath, 'enum'), headPath: child(pair.headPath, 'enum') };
    const where = located(pair);
    if (!before) emit({ severity: byDirection(pair.direction, true, 'ERROR'), where, message: `an enum now limits the values to ${truncate(after!.join(', '), 120)}`, ...paths });
    else if (!after) emit({ severity: byDirection(pair.direction, false, 'WARNING'), where, message: `the enum ${truncate(before.join(', '), 120)} was removed: any value is allowed`, ...paths });
    else {
      if (removed.length > 0) emit({ severity: byDirection(pair.direction, true, 'ERROR'), where, message: `enum values removed: ${truncate(removed.join(', '), 120)}`, ...paths });
      if (added.length > 0) emit({ severity: byDirection(pair.direction, false, 'WARNING'), where, message: `enum values added: ${truncate(added.join(', '), 120)}`, ...paths });
    }
  },
};

export const patternChanged: SchemaRule = {
  name: 'pattern-changed',
  title: 'A pattern added to a request (ERROR) or changed (WARNING: it may narrow), or dropped from a response (WARNING).',
  check(pair, emit) {
    const before = pair.base.pattern;
    const after = pair.head.pattern;
    if (before === after) return;
    // Whether one regex accepts all another does is not decidable here: a changed pattern may break either side.
    const severity: Severity = before !== undefined && after !== undefined ? 'WARNING' : byDirection(pair.direction, after !== undefined, pair.direction === 'request' ? 'ERROR' : 'WARNING');
    emit({ severity, where: located(pair), message: `pattern ${shown(before)} → ${shown(after)}`, basePath: child(pair.basePath, 'pattern'), headPath: child(pair.headPath, 'pattern') });
  },
};

type Bound = { keyword: 'minimum' | 'minLength' | 'minItems' | 'minProperties'; lower: true } | { keyword: 'maximum' | 'maxLength' | 'maxItems' | 'maxProperties'; lower: false };
const BOUNDS: Bound[] = [
  { keyword: 'minimum', lower: true },
  { keyword: 'maximum', lower: false },
  { keyword: 'minLength', lower: true },
  { keyword: 'maxLength', lower: false },
  { keyword: 'minItems', lower: true },
  { keyword: 'maxItems', lower: false },
  { keyword: 'minProperties', lower: true },
  { keyword: 'maxProperties', lower: false },
];

/** A bound as a comparable number: larger = narrower; an exclusive bound is a hair narrower than the inclusive one. */
function tightness(schema: Schema, bound: Bound): number | undefined {
  const value = schema[bound.keyword];
  if (typeof value !== 'number') return undefined;
  const exclusive = bound.keyword === 'minimum' ? schema.exclusiveMinimum === true : bound.keyword === 'maximum' ? schema.exclusiveMaximum === true : false;
  const signed = bound.lower ? value : -value;
  return exclusive ? signed + Number.EPSILON * Math.max(1, Math.abs(signed)) : signed;
}

const describeBound = (schema: Schema, bound: Bound): string => {
  const value = schema[bound.keyword];
  if (value === undefined) return 'none';
  const exclusive = (bound.keyword === 'minimum' && schema.exclusiveMinimum === true) || (bound.keyword === 'maximum' && schema.exclusiveMaximum === true);
  return `${value}${exclusive ? ' (exclusive)' : ''}`;
};

export const boundsChanged: SchemaRule = {
  name: 'bounds-changed',
  title: 'A minimum/maximum, length, item or property bound narrowed on a request (ERROR) or widened on a response (WARNING).',
  check(pair, emit) {
    for (const bound of BOUNDS) {
      const before = tightness(pair.base, bound);
      const after = tightness(pair.head, bound);
      if (before === after) continue;
      const narrows = before === undefined || (after !== undefined && after > before);
      emit({
        severity: byDirection(pair.direction, narrows, pair.direction === 'request' ? 'ERROR' : 'WARNING'),
        where: located(pair),
        message: `${bound.keyword} ${describeBound(pair.base, bound)} → ${describeBound(pair.head, bound)} (${narrows ? 'narrower' : 'wider'})`,
        basePath: child(pair.basePath, bound.keyword),
        headPath: child(pair.headPath, bound.keyword),
      });
    }
  },
};

/** Property rules apply where both sides describe an object (a type change is type-changed's finding). */
const bothObjects = (pair: SchemaPair): boolean =>
  [pair.base, pair.head].every((schema) => schema.type === 'object' || (schema.type === undefined && (schema.properties !== undefined || schema.required !== undefined)));

/** A readOnly property is never sent in a request, a writeOnly one never in a response (OAS 3.0 Schema Object). */
const inDirection = (schema: Schema | undefined, direction: Direction): boolean =>
  !(direction === 'request' ? schema?.readOnly === true : schema?.writeOnly === true);

/** Property names a schema defines or requires (a required name without a definition still must be present). */
const propertyNames = (schema: Schema): string[] => [...new Set([...Object.keys(schema.properties ?? {}), ...(schema.required ?? [])])];
const propertyOf = (schema: Schema, name: string): Schema | undefined => schema.properties?.[name] as Schema | undefined;
const requires = (schema: Schema, name: string): boolean => schema.required?.includes(name) === true;
const propertyPath = (path: string, schema: Schema, name: string): string => (schema.properties?.[name] ? child(path, 'properties', name) : child(path, 'required'));
/** Where a property that one side lacks would be: its properties, or the schema itself. */
const propertiesPath = (path: string, schema: Schema): string => (schema.properties ? child(path, 'properties') : path);

export const propertyRemoved: SchemaRule = {
  name: 'property-removed',
  title: 'A response property removed (ERROR if it was required, else WARNING); a request property removed (WARNING, ERROR if HEAD rejects unknown properties).',
  check(pair, emit) {
    if (!bothObjects(pair)) return;
    const after = propertyNames(pair.head);
    for (const name of propertyNames(pair.base).filter((name) => !after.includes(name))) {
      if (!inDirection(propertyOf(pair.base, name), pair.direction)) continue;
      const severity: Severity =
        pair.direction === 'response' ? (requires(pair.base, name) ? 'ERROR' : 'WARNING') : pair.head.additionalProperties === false ? 'ERROR' : 'WARNING';
      const why =
        pair.direction === 'response'
          ? requires(pair.base, name) ? 'clients rely on a required property' : 'a client may read it'
          : pair.head.additionalProperties === false ? 'HEAD rejects it (additionalProperties: false), clients still send it' : 'clients still send it; the server ignores it';
      emit({ severity, where: located(pair, fieldOf(pair, name)), message: `property removed (${why})`, basePath: propertyPath(pair.basePath, pair.base, name), headPath: propertiesPath(pair.headPath, pair.head) });
    }
  },
};

export const propertyAdded: SchemaRule = {
  name: 'property-added',
  title: 'A new request property that is required (ERROR: clients do not send it); an optional one or any response property (INFO).',
  check(pair, emit) {
    if (!bothObjects(pair)) return;
    const before = propertyNames(pair.base);
    for (const name of propertyNames(pair.head).filter((name) => !before.includes(name))) {
      if (!inDirection(propertyOf(pair.head, name), pair.direction)) continue;
      const required = requires(pair.head, name);
      emit({
        severity: pair.direction === 'request' && required ? 'ERROR' : 'INFO',
        where: located(pair, fieldOf(pair, name)),
        message: `${required ? 'required' : 'optional'} property added`,
        basePath: propertiesPath(pair.basePath, pair.base),
        headPath: propertyPath(pair.headPath, pair.head, name),
      });
    }
  },
};

export const propertyRequiredChanged: SchemaRule = {
  name: 'property-required-changed',
  title: 'A request property became required, or a response property stopped being required (ERROR); the reverse is INFO.',
  check(pair, emit) {
    if (!bothObjects(pair)) return;
    const after = propertyNames(pair.head);
    for (const name of propertyNames(pair.base).filter((name) => after.includes(name))) {
      const before = requires(pair.base, name);
      const now = requires(pair.head, name);
      if (before === now || !inDirection(propertyOf(pair.head, name), pair.direction)) continue;
      emit({
        severity: byDirection(pair.direction, now, 'ERROR'),
        where: located(pair, fieldOf(pair, name)),
        message: now ? 'became required' : 'is no longer required',
        basePath: child(pair.basePath, 'required'),
        headPath: child(pair.headPath, 'required'),
      });
    }
  },
};

const COMPOSITIONS = ['allOf', 'anyOf', 'oneOf'] as const;
/** The composition keywords whose branches the walker cannot pair one to one (it pairs equal-length lists by position). */
export function unpairedCompositions(pair: SchemaPair): Array<(typeof COMPOSITIONS)[number] | 'not'> {
  const unpaired: Array<(typeof COMPOSITIONS)[number] | 'not'> = COMPOSITIONS.filter((keyword) => (pair.base[keyword]?.length ?? -1) !== (pair.head[keyword]?.length ?? -1));
  if ((pair.base.not === undefined) !== (pair.head.not === undefined)) unpaired.push('not');
  return unpaired;
}

export const compositionChanged: SchemaRule = {
  name: 'composition-changed',
  title: 'allOf/anyOf/oneOf/not gained or lost branches: not analysed further, so it may break a client (WARNING).',
  check(pair, emit) {
    const describe = (value: unknown): string => (Array.isArray(value) ? `${value.length} branches` : value === undefined ? 'none' : 'a schema');
    for (const keyword of unpairedCompositions(pair)) {
      const message = `${keyword} ${describe(pair.base[keyword])} → ${describe(pair.head[keyword])}; not analysed further`;
      emit({ severity: 'WARNING', where: located(pair), message, basePath: child(pair.basePath, keyword), headPath: child(pair.headPath, keyword) });
    }
  },
};

export const SCHEMA_RULES: SchemaRule[] = [typeChanged, nullableChanged, formatChanged, enumChanged, patternChanged, boundsChanged, propertyRemoved, propertyAdded, propertyRequiredChanged, compositionChanged];
