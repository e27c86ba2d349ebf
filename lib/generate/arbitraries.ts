import fc from 'fast-check';
import type { OpenAPIV3 } from 'openapi-types';

type Schema = OpenAPIV3.SchemaObject;

/** Formats of the contract, generated as real values (int16 is the erratum's integer range). */
const FORMAT_ARBITRARIES: Record<string, () => fc.Arbitrary<unknown>> = {
  date: () => fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  'date-time': () => fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  int16: () => fc.integer({ min: -32768, max: 32767 }),
  int32: () => fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  int64: () => fc.maxSafeInteger(),
};

const matchingArbitraries = new Map<string, fc.Arbitrary<string>>();
/**
 * Strings matching a contract pattern. Built once per pattern: building one costs milliseconds (fast-check
 * prepares every quantified character class), and properties asked for one on each of their runs.
 */
export function matching(pattern: string): fc.Arbitrary<string> {
  let arbitrary = matchingArbitraries.get(pattern);
  if (!arbitrary) {
    arbitrary = fc.stringMatching(new RegExp(pattern));
    matchingArbitraries.set(pattern, arbitrary);
  }
  return arbitrary;
}

/** A value valid under a (dereferenced) schema: types, required, patterns, formats, minimum, additionalProperties. */
export function validValue(schema: Schema | undefined): fc.Arbitrary<unknown> {
  if (!schema) return fc.jsonValue();
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string':
      if (schema.pattern) return matching(schema.pattern);
      if (schema.format && FORMAT_ARBITRARIES[schema.format]) return FORMAT_ARBITRARIES[schema.format]();
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: schema.maxLength ?? 40 });
    case 'integer': {
      if (schema.format && FORMAT_ARBITRARIES[schema.format] && schema.minimum === undefined) return FORMAT_ARBITRARIES[schema.format]();
      return fc.integer({ min: schema.minimum ?? -(2 ** 31), max: schema.maximum ?? 2 ** 31 - 1 });
    }
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validValue(schema.items as Schema), { maxLength: 4 });
    case 'object':
    default: {
      const properties = Object.entries(schema.properties ?? {}).map(([name, child]) => [name, validValue(child as Schema)] as const);
      const required = new Set(schema.required ?? []);
      return fc.record(Object.fromEntries(properties), { requiredKeys: [...required].filter((name) => schema.properties?.[name]) });
    }
  }
}

/** A named kind of invalid input: a failing property says which one broke the server. */
export type MutationClass =
  | 'remove-required'
  | 'wrong-type'
  | 'pattern-violation'
  | 'near-miss'
  | 'out-of-range'
  | 'unexpected-property'
  | 'null'
  | 'empty-string'
  | 'huge-string'
  | 'unicode-edge';

export interface InvalidSample {
  mutation: MutationClass;
  /** The JSON pointer of the mutated place. */
  at: string;
  value: unknown;
}

const wrongTypeFor = (schema: Schema): fc.Arbitrary<unknown> => {
  const candidates: fc.Arbitrary<unknown>[] = [];
  if (schema.type !== 'string') candidates.push(fc.string({ minLength: 1, maxLength: 8 }));
  if (schema.type !== 'integer' && schema.type !== 'number') candidates.push(fc.integer());
  if (schema.type !== 'boolean') candidates.push(fc.boolean());
  if (schema.type !== 'array') candidates.push(fc.constant([]));
  if (schema.type !== 'object') candidates.push(fc.constant({}));
  return fc.oneof(...candidates);
};

/** Near misses of the contract's patterns: uppercase uuids, one char short, SemVer without patch or with a v. */
export function nearMisses(pattern: string): fc.Arbitrary<string> {
  const regex = new RegExp(pattern);
  return matching(pattern)
    .chain((valid) =>
      fc.constantFrom(
        valid.toUpperCase(),
        valid.slice(0, -1),
        `v${valid}`,
        valid.split('.').slice(0, 2).join('.'),
        `${valid} `,
        ` ${valid}`,
        valid.replace(/-/g, ''),
      ),
    )
    .filter((candidate) => !regex.test(candidate));
}

function mutations(schema: Schema, pointer: string): Array<[MutationClass, fc.Arbitrary<InvalidSample>]> {
  const sample = (mutation: MutationClass, value: fc.Arbitrary<unknown>): [MutationClass, fc.Arbitrary<InvalidSample>] => [mutation, value.map((v) => ({ mutation, at: pointer || '/', value: v }))];
  const found: Array<[MutationClass, fc.Arbitrary<InvalidSample>]> = [sample('wrong-type', wrongTypeFor(schema)), sample('null', fc.constant(null))];
  if (schema.type === 'string') {
    if (schema.pattern) {
      const regex = new RegExp(schema.pattern);
      found.push(
        sample('pattern-violation', fc.string({ maxLength: 12 }).filter((s) => !regex.test(s))),
        sample('near-miss', nearMisses(schema.pattern)),
        sample('unicode-edge', unicodeEdge().filter((s) => !regex.test(s))),
        sample('huge-string', fc.constantFrom('9'.repeat(100_000), 'a'.repeat(100_000)).filter((s) => !regex.test(s))),
      );
      if (!regex.test('')) found.push(sample('empty-string', fc.constant('')));
    }
    if (schema.format === 'date' || schema.format === 'date-time') {
      found.push(sample('pattern-violation', fc.constantFrom('2025-02-30', '01.01.2025', 'yesterday', '2025-1-1')), sample('unicode-edge', unicodeEdge()));
    }
  }
  if ((schema.type === 'integer' || schema.type === 'number') && schema.minimum !== undefined) found.push(sample('out-of-range', fc.constant(schema.minimum - 1)));
  if (schema.type === 'integer') found.push(sample('wrong-type', fc.constantFrom(1.5, -0.25, '12')));
  return found;
}

/**
 * An invalid variant of a valid value, by mutation class: one place of the value changed so that the schema
 * rejects it. `mutateAt` builds the whole invalid document around the mutated place.
 */
export function invalidValue(schema: Schema, options: { valid?: fc.Arbitrary<unknown> } = {}): fc.Arbitrary<{ sample: InvalidSample; document: unknown }> {
  // The valid document the mutation starts from: by default any, or one that is valid on the target too.
  const base = options.valid ?? validValue(schema);
  type Place = fc.Arbitrary<{ sample: InvalidSample; document: unknown }>;
  const byClass = new Map<MutationClass, Place[]>();
  const add = (mutationClass: MutationClass, place: Place) => byClass.set(mutationClass, [...(byClass.get(mutationClass) ?? []), place]);
  const visit = (node: Schema, path: string[]): void => {
    const pointer = path.map((p) => `/${p}`).join('');
    for (const [mutationClass, mutation] of mutations(node, pointer)) {
      add(mutationClass, fc.tuple(base, mutation).map(([document, sample]) => ({ sample, document: setAt(document, path, sample.value) })));
    }
    if (node.type === 'object' || node.properties) {
      for (const name of node.required ?? []) {
        if (!node.properties?.[name]) continue;
        // The parent must be there for its required property to be missing: optional ancestors made required.
        const withParent = options.valid ?? validValue(requiringPath(schema, path));
        add('remove-required', withParent.map((document) => ({ sample: { mutation: 'remove-required', at: `${pointer}/${name}`, value: undefined }, document: removeAt(document, [...path, name]) })));
      }
      if (node.additionalProperties === false) {
        add('unexpected-property', base.map((document) => ({ sample: { mutation: 'unexpected-property', at: `${pointer}/unexpected`, value: true }, document: setAt(document, [...path, 'x-unexpected'], true) })));
      }
      for (const [name, child] of Object.entries(node.properties ?? {})) visit(child as Schema, [...path, name]);
    }
  };
  visit(schema, []);
  // Each mutation class equally likely, then each place within it: a rare class still gets its turn.
  return fc.oneof(...[...byClass.values()].map((classPlaces) => fc.oneof(...classPlaces)));
}

/** Strings that trip naive handling: control characters, lone surrogates, RTL marks, NUL. */
export const unicodeEdge = (): fc.Arbitrary<string> => fc.constantFrom('\u0000', '\ud800', '\u202e', '💥'.repeat(50), '\r\n\r\n', '%00', '../../etc/passwd', "'; DROP TABLE users; --");

/** A copy of the schema in which every property along `path` is required. */
function requiringPath(schema: Schema, path: string[]): Schema {
  if (path.length === 0) return schema;
  const [head, ...rest] = path;
  return {
    ...schema,
    required: [...new Set([...(schema.required ?? []), head])],
    properties: { ...schema.properties, [head]: requiringPath(schema.properties![head] as Schema, rest) },
  };
}

function setAt(document: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = document !== null && typeof document === 'object' && !Array.isArray(document) ? { ...(document as Record<string, unknown>) } : {};
  copy[path[0]] = setAt(copy[path[0]], path.slice(1), value);
  return copy;
}

function removeAt(document: unknown, path: string[]): unknown {
  if (document === null || typeof document !== 'object') return document;
  const copy = { ...(document as Record<string, unknown>) };
  if (path.length === 1) delete copy[path[0]];
  else copy[path[0]] = removeAt(copy[path[0]], path.slice(1));
  return copy;
}
