import { contractPointer, responseBasis } from './basis';
import type { OpenAPIV3 } from 'openapi-types';
import { parseSessionHeader, SESSION_HEADER } from './session-header';
import { failure, hasDocumentedOperation, type Check } from './types';

type Schema = OpenAPIV3.SchemaObject;

export interface PatternViolation {
  path: string;
  pattern: string;
  value: string;
}

const regexCache = new Map<string, RegExp>();
/** The contract's regexes exactly as ECMAScript reads them: no `u` flag, unanchored unless written anchored. */
export function ecmaPattern(pattern: string): RegExp {
  let regex = regexCache.get(pattern);
  if (!regex) {
    regex = new RegExp(pattern);
    regexCache.set(pattern, regex);
  }
  return regex;
}

/** Every string in `value` whose schema node carries a pattern it does not match. */
export function patternViolations(schema: Schema | undefined, value: unknown, path = ''): PatternViolation[] {
  if (!schema || value === undefined) return [];
  const violations: PatternViolation[] = [];
  if (typeof value === 'string' && schema.pattern && !ecmaPattern(schema.pattern).test(value)) {
    violations.push({ path: path || '/', pattern: schema.pattern, value });
  }
  for (const sub of [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    violations.push(...patternViolations(sub as Schema, value, path));
  }
  if (Array.isArray(value) && schema.type === 'array' && schema.items) {
    value.forEach((item, i) => violations.push(...patternViolations(schema.items as Schema, item, `${path}/${i}`)));
  } else if (value !== null && typeof value === 'object' && schema.properties) {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      violations.push(...patternViolations(schema.properties[key] as Schema | undefined, child, `${path}/${key}`));
    }
  }
  return violations;
}

export const patternConformance: Check = {
  name: 'pattern_conformance',
  title: "Strings match the contract's patterns",
  requirement: 'Every response string whose schema has a pattern matches it, read as ECMAScript reads it (session ids: lowercase uuid).',
  strength: 'MUST',
  basis: (exchange) => {
    const { operationId, statuses } = exchange.operation!;
    const status = exchange.response!.status;
    return [...(statuses.includes(status) ? [responseBasis(operationId, status)] : []), contractPointer('components', 'schemas', 'id', 'pattern')];
  },
  appliesTo: hasDocumentedOperation,
  run(exchange, { contract }) {
    const response = exchange.response!;
    const operationId = exchange.operation!.operationId;
    const violations: PatternViolation[] = [];
    if (response.body.kind === 'json') violations.push(...patternViolations(contract.responseSchema(operationId, response.status), response.body.value));
    const session = response.headers[SESSION_HEADER];
    if (session !== undefined) {
      const parsed = parseSessionHeader(session, contract.strict);
      if (parsed.ok) violations.push(...patternViolations(contract.componentSchema('sessionId'), parsed.value, 'header X-Session-Id'));
    }
    if (violations.length === 0) return undefined;
    return failure(
      this,
      exchange,
      violations.map((v) => `${v.path} matches /${v.pattern}/`).join('; '),
      violations.map((v) => `${v.path} = ${JSON.stringify(v.value)}`).join('; '),
    );
  },
};
