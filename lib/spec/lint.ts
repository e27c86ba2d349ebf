import * as fs from 'node:fs';
import { parse } from 'yaml';
import { CONTRACT_FILE, HTTP_METHODS } from './contract';

/** A defect of the contract found by code. Each rule names the erratum that records how the suite resolves it. */
export interface LintFinding {
  rule: string;
  erratum: string;
  pointer: string;
  message: string;
}

type Node = Record<string, unknown>;
const OAS_FORMATS = new Set(['int32', 'int64', 'float', 'double', 'byte', 'binary', 'date', 'date-time', 'password']);
const escape = (token: string): string => token.replace(/~/g, '~0').replace(/\//g, '~1');
const isNode = (value: unknown): value is Node => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Visits every schema object of the document (components, parameters, bodies, responses, headers). */
function walkSchemas(node: unknown, pointer: string, visit: (schema: Node, pointer: string) => void, inSchema = false): void {
  if (Array.isArray(node)) return node.forEach((item, i) => walkSchemas(item, `${pointer}/${i}`, visit, inSchema));
  if (!isNode(node)) return;
  if (inSchema && !('$ref' in node)) visit(node, pointer);
  for (const [key, child] of Object.entries(node)) {
    if (key === 'example' || key === 'examples') continue;
    const childIsSchema = key === 'schema' || (inSchema && (key === 'items' || key === 'additionalProperties'));
    if (inSchema && key === 'properties' && isNode(child)) {
      for (const [name, property] of Object.entries(child)) walkSchemas(property, `${pointer}/properties/${escape(name)}`, visit, true);
    } else if (pointer === '/components' && key === 'schemas' && isNode(child)) {
      for (const [name, schema] of Object.entries(child)) walkSchemas(schema, `/components/schemas/${escape(name)}`, visit, true);
    } else walkSchemas(child, `${pointer}/${escape(key)}`, visit, childIsSchema);
  }
}

export function lintContract(document: Node = parse(fs.readFileSync(CONTRACT_FILE, 'utf8')) as Node): LintFinding[] {
  const findings: LintFinding[] = [];
  const add = (rule: string, erratum: string, pointer: string, message: string) => findings.push({ rule, erratum, pointer, message });

  walkSchemas(document, '', (schema, pointer) => {
    const properties = isNode(schema.properties) ? Object.keys(schema.properties) : [];
    for (const name of Array.isArray(schema.required) ? (schema.required as string[]) : []) {
      if (!properties.includes(name)) add('required-not-defined', pointer.includes('reviewRequest') ? 'review-request-required' : 'product-metadata-options', `${pointer}/required`, `required names "${name}", which is not among its properties`);
    }
    if (typeof schema.format === 'string' && !OAS_FORMATS.has(schema.format)) add('unknown-format', 'format-int16', `${pointer}/format`, `format "${schema.format}" is not an OpenAPI format`);
    if (typeof schema.pattern === 'string' && !(schema.pattern.startsWith('^') && schema.pattern.endsWith('$'))) {
      add('unanchored-pattern', 'auth-pattern-unanchored', `${pointer}/pattern`, `pattern /${schema.pattern}/ is unanchored: ECMAScript finds it anywhere`);
    }
  });

  const components = (document.components ?? {}) as Node;
  if (!isNode(components.securitySchemes) || Object.keys(components.securitySchemes).length === 0) {
    add('no-security-scheme', 'authorization-header-ignored-by-oas', '/components/securitySchemes', 'no security scheme: auth exists only as header parameters');
  }
  for (const [name, parameter] of Object.entries((components.parameters ?? {}) as Record<string, Node>)) {
    if (parameter.in === 'header' && String(parameter.name).toLowerCase() === 'authorization') {
      add('authorization-header-parameter', 'authorization-header-ignored-by-oas', `/components/parameters/${escape(name)}`, 'a header parameter named Authorization, which OAS 3.0.3 tools SHALL ignore');
    }
  }

  const text = JSON.stringify(document.paths ?? {});
  for (const name of Object.keys((components.schemas ?? {}) as Node)) {
    const referenced = JSON.stringify(components).split(`#/components/schemas/${name}"`).length > 1 || text.includes(`#/components/schemas/${name}"`);
    if (!referenced) add('unused-component', 'unused-components', `/components/schemas/${escape(name)}`, `schema ${name} is never referenced`);
  }
  const usedTags = new Set<string>();

  for (const [path, pathItem] of Object.entries((document.paths ?? {}) as Record<string, Node>)) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method] as Node | undefined;
      if (!operation) continue;
      const pointer = `/paths/${escape(path)}/${method}`;
      const operationId = operation.operationId as string | undefined;
      if (!operationId) add('missing-operation-id', 'missing-operation-id', pointer, `${method.toUpperCase()} ${path} has no operationId`);
      else if (!operationId.startsWith(`${method}-`)) add('operation-id-method-mismatch', 'reviews-operation-id-get-prefix', `${pointer}/operationId`, `operationId ${operationId} does not start with "${method}-"`);
      const tags = (operation.tags ?? []) as string[];
      tags.forEach((tag) => usedTags.add(tag));
      if (tags.length === 0) add('untagged-operation', 'unused-components', pointer, `${method.toUpperCase()} ${path} has no tags`);
      ((operation.parameters ?? []) as Node[]).forEach((parameter, i) => {
        if (parameter.in === 'header' && String(parameter.name).toLowerCase() === 'authorization') {
          add('authorization-header-parameter', 'authorization-header-ignored-by-oas', `${pointer}/parameters/${i}`, 'a header parameter named Authorization, which OAS 3.0.3 tools SHALL ignore');
        }
      });
      const body = operation.requestBody as Node | undefined;
      if (body && body.required !== true) {
        const schema = (((body.content ?? {}) as Node)['application/json'] as Node | undefined)?.schema as Node | undefined;
        if (schema && (Array.isArray(schema.required) || schema.$ref !== undefined)) {
          add('optional-body-required-fields', 'optional-body-with-required-fields', `${pointer}/requestBody`, 'the body is optional but its schema has required fields');
        }
      }
      const responses = (operation.responses ?? {}) as Record<string, Node>;
      if (!Object.keys(responses).some((status) => status.startsWith('4'))) add('no-4xx', 'undocumented-4xx', `${pointer}/responses`, 'no 4xx is documented');
      for (const [status, response] of Object.entries(responses)) {
        for (const [header, definition] of Object.entries((response.headers ?? {}) as Record<string, Node>)) {
          const schema = definition.schema as Node | undefined;
          if (schema?.$ref === '#/components/schemas/sessionId' || schema?.type === 'object') {
            add('object-response-header', 'session-id-response-header-json', `${pointer}/responses/${status}/headers/${escape(header)}`, `header ${header} has an object schema (serialisation undefined for real clients)`);
          }
        }
        const schema = (((response.content ?? {}) as Node)['application/json'] as Node | undefined)?.schema as Node | undefined;
        if (Number(status) >= 400 && schema && schema.$ref !== '#/components/schemas/errorDescription') {
          add('error-not-error-description', 'manifests-404-no-reason', `${pointer}/responses/${status}`, `the ${status} body is not errorDescription`);
        }
      }
    }
  }
  for (const tag of (document.tags ?? []) as Node[]) {
    if (!usedTags.has(tag.name as string)) add('unused-tag', 'unused-components', '/tags', `tag "${String(tag.name)}" is declared but unused`);
  }
  return findings;
}

export function renderLintMarkdown(findings: LintFinding[]): string {
  const lines = [
    '# Contract lint (found by code: lib/spec/lint.ts)',
    '',
    `${findings.length} findings in openapi.yaml; each names the erratum of openapi.errata.yaml that resolves it.`,
    '',
    '| rule | JSON pointer | finding | erratum |',
    '|---|---|---|---|',
    ...findings.map((f) => `| ${f.rule} | \`${f.pointer}\` | ${f.message.replace(/\|/g, '\\|')} | ${f.erratum} |`),
  ];
  return lines.join('\n') + '\n';
}
