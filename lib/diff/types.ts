import type { OpenAPIV3 } from 'openapi-types';
import type { HttpMethod } from '../spec/contract';

/** ERROR breaks an existing client, WARNING may break one, INFO is compatible (oasdiff's levels). */
export type Severity = 'ERROR' | 'WARNING' | 'INFO';
export const SEVERITIES: Severity[] = ['ERROR', 'WARNING', 'INFO'];
export const atLeast = (severity: Severity, threshold: Severity): boolean => SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);

/** One version of the contract: as written (for pointers into the file) and validated and dereferenced (for comparing). */
export interface LoadedContract {
  /** What the user named: a file, a fixture, or `REV:path`. */
  label: string;
  raw: Record<string, unknown>;
  dereferenced: OpenAPIV3.Document;
}

/** One operation of one side. `path` is the JSON pointer of the operation object in the dereferenced document. */
export interface OperationView {
  id: string;
  /** true: the contract has no operationId here; `id` is the synthetic one (erratum missing-operation-id). */
  synthetic: boolean;
  method: HttpMethod;
  pathTemplate: string;
  path: string;
  operation: OpenAPIV3.OperationObject;
  pathItem: OpenAPIV3.PathItemObject;
  document: OpenAPIV3.Document;
}

export interface OperationPair {
  base: OperationView;
  head: OperationView;
}

/** Requests: HEAD must accept all BASE accepted. Responses: clients of BASE must understand all HEAD may send. */
export type Direction = 'request' | 'response';

/** Two versions of one schema, wherever it sits (a parameter, a body, a header, a property of either). */
export interface SchemaPair {
  base: OpenAPIV3.SchemaObject;
  head: OpenAPIV3.SchemaObject;
  basePath: string;
  headPath: string;
  direction: Direction;
  /** Where the schema sits, e.g. `response 200 application/json`. */
  where: string;
  /** The property path inside it, e.g. `data.token`; '' at the top. */
  field: string;
}

/** What a rule reports; the comparison adds the rule's name, the operation, the clients and the file pointers. */
export interface Change {
  severity: Severity;
  /** Human location inside the operation, e.g. `response 200 application/json data.token.password`. */
  where: string;
  message: string;
  /** JSON pointers into the dereferenced documents (the comparison maps them to pointers into each file). */
  basePath?: string;
  headPath?: string;
}
export type Emit = (change: Change) => void;

export interface Rule<Subject> {
  name: string;
  /** One line for the reports' rule list: what it finds and why it matters. */
  title: string;
  check(subject: Subject, emit: Emit): void;
}

/** A side of a finding: where it is in that file ($refs followed) and in the dereferenced operation. */
export interface Side {
  pointer: string;
  path: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  /** The operationId (HEAD's when both have one), `components` or `errata`. */
  operation: string;
  /** `METHOD /path`, when the finding belongs to an operation. */
  endpoint?: string;
  where: string;
  message: string;
  base?: Side;
  head?: Side;
  /** Real clients that call the operation (fixtures/contracts/clients.json); [] = none known. */
  clients: string[];
}

export interface DiffResult {
  base: string;
  head: string;
  findings: Finding[];
  /** Operations present on both sides with no finding. */
  unchanged: string[];
  counts: Record<Severity, number>;
}
