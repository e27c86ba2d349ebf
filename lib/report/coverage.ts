import * as fs from 'node:fs';
import * as path from 'node:path';
import type { OpenAPIV3 } from 'openapi-types';
import { reportsDir } from '../paths';
import { HTTP_METHODS } from '../spec/contract';
import { jsonSchemaOf, operationParameters, schemaNodes, type Parameter, type Schema } from './coverage-record';
import { loadUnprovokable, type Unprovokable } from './matrix';
import { runDir } from './run';

/**
 * Contract coverage: what a run exercised of the contract. Every "item" is one thing the contract documents —
 * a status of an operation, a parameter or request-body property sent with a valid and with an invalid value,
 * a response property or header observed, a response enum value observed, a pattern a value was checked against —
 * keyed "<operationId> <kind> <detail>". Test files record the keys their traffic covered (no value, so no secret,
 * is ever written); the run's end joins them with the contract's items into reports/contract-coverage.{json,md}.
 */
export const KEYWORD_KINDS = ['parameter', 'request', 'response', 'header', 'enum', 'pattern'] as const;
export type KeywordKind = (typeof KEYWORD_KINDS)[number];

interface Item {
  kind: KeywordKind;
  key: string;
  /** Under a documented status no request can provoke (suites/unprovokable.yaml): left out of the totals. */
  unprovokable?: boolean;
}

/** A parameter that can be sent with an invalid value: on the wire every value is text, so a plain string cannot be wrong (a path one cannot be missing). */
const parameterConstrained = (parameter: Parameter): boolean => {
  const schema = parameter.schema ?? {};
  return (parameter.required === true && parameter.in !== 'path') || schema.pattern !== undefined || schema.enum !== undefined || schema.format !== undefined || (schema.type !== undefined && schema.type !== 'string');
};

export interface OperationItems {
  operationId: string;
  tag: string;
  statuses: number[];
  items: Item[];
}

/** What the contract documents, item by item, per operation (the dereferenced document). */
export function contractItems(document: OpenAPIV3.Document, unprovokable: Unprovokable[] = loadUnprovokable()): OperationItems[] {
  const operations: OperationItems[] = [];
  for (const [, pathItem] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem?.[method];
      if (!operation?.operationId) continue;
      const operationId = operation.operationId;
      const items: Item[] = [];
      for (const parameter of operationParameters(pathItem!, operation)) {
        const name = `${parameter.in} ${parameter.name}`;
        items.push({ kind: 'parameter', key: `parameter ${name} valid` });
        if (parameterConstrained(parameter)) items.push({ kind: 'parameter', key: `parameter ${name} invalid` });
        if (parameter.schema?.pattern) items.push({ kind: 'pattern', key: `pattern parameter ${name}` });
      }
      const requestBody = operation.requestBody as OpenAPIV3.RequestBodyObject | undefined;
      schemaNodes(jsonSchemaOf(requestBody?.content), (node, at) => {
        items.push({ kind: 'request', key: `request ${at} valid` }, { kind: 'request', key: `request ${at} invalid` });
        if (node.pattern) items.push({ kind: 'pattern', key: `pattern request ${at}` });
      });
      const statuses = Object.keys(operation.responses ?? {}).map(Number).sort((a, b) => a - b);
      for (const status of statuses) {
        const response = operation.responses[String(status)] as OpenAPIV3.ResponseObject;
        const excluded = unprovokable.some((entry) => entry.operationId === operationId && entry.status === status);
        const add = (kind: KeywordKind, key: string) => items.push({ kind, key, ...(excluded ? { unprovokable: true } : {}) });
        for (const header of Object.keys(response.headers ?? {})) add('header', `header ${status} ${header.toLowerCase()}`);
        schemaNodes(jsonSchemaOf(response.content), (node, at) => {
          if (at !== '/') add('response', `response ${status} ${at}`);
          for (const value of node.enum ?? []) add('enum', `enum ${status} ${at} ${JSON.stringify(value)}`);
          if (node.pattern) add('pattern', `pattern response ${status} ${at}`);
        });
      }
      operations.push({ operationId, tag: operation.tags?.[0] ?? 'Untagged', statuses, items });
    }
  }
  return operations;
}

/** Every shard's covered keys of one run. */
export function readCoverage(runId: string): Set<string> {
  const dir = runDir(runId);
  const keys = new Set<string>();
  for (const file of fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => /^coverage-.+\.jsonl$/.test(name)) : []) {
    for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n').filter(Boolean)) for (const key of JSON.parse(line) as string[]) keys.add(key);
  }
  return keys;
}

export interface Tally {
  covered: number;
  total: number;
  percent: number;
}

const tally = (covered: number, total: number): Tally => ({ covered, total, percent: total === 0 ? 100 : Math.round((1000 * covered) / total) / 10 });

export interface OperationCoverage {
  operationId: string;
  tag: string;
  statuses: Record<string, { documented: boolean; seen: boolean; unprovokable?: boolean }>;
  keywords: Tally & { byKind: Record<KeywordKind, Tally> };
  /** The items of this operation no request of the run covered (unprovokable ones left out). */
  uncovered: string[];
}

export interface ContractCoverage {
  operations: OperationCoverage[];
  totals: {
    /** percent: of the documented statuses that are not unprovokable. */
    statuses: { seen: number; documented: number; unprovokable: number; percent: number };
    keywords: Tally & { byKind: Record<KeywordKind, Tally> };
  };
}

function tallyItems(items: Item[], isCovered: (item: Item) => boolean): Tally & { byKind: Record<KeywordKind, Tally> } {
  const counted = items.filter((item) => !item.unprovokable);
  const byKind = Object.fromEntries(
    KEYWORD_KINDS.map((kind) => {
      const mine = counted.filter((item) => item.kind === kind);
      return [kind, tally(mine.filter(isCovered).length, mine.length)];
    }),
  ) as Record<KeywordKind, Tally>;
  return { ...tally(counted.filter(isCovered).length, counted.length), byKind };
}

export function buildCoverage(operations: OperationItems[], covered: Set<string>, unprovokable: Unprovokable[] = loadUnprovokable()): ContractCoverage {
  const itemKey = (operationId: string, item: Item) => `${operationId} ${item.key}`;
  const result = operations.map<OperationCoverage>(({ operationId, tag, statuses, items }) => {
    const isCovered = (item: Item) => covered.has(itemKey(operationId, item));
    const seenStatuses = [...covered].filter((key) => key.startsWith(`${operationId} status `)).map((key) => Number(key.slice(operationId.length + 8)));
    const byStatus: OperationCoverage['statuses'] = {};
    for (const status of [...new Set([...statuses, ...seenStatuses])].sort((a, b) => a - b)) {
      const excluded = unprovokable.some((entry) => entry.operationId === operationId && entry.status === status);
      byStatus[String(status)] = { documented: statuses.includes(status), seen: seenStatuses.includes(status), ...(excluded ? { unprovokable: true } : {}) };
    }
    return {
      operationId,
      tag,
      statuses: byStatus,
      keywords: tallyItems(items, isCovered),
      uncovered: items.filter((item) => !item.unprovokable && !isCovered(item)).map((item) => item.key),
    };
  });
  const documented = result.flatMap((operation) => Object.values(operation.statuses).filter((status) => status.documented));
  const seen = documented.filter((status) => status.seen).length;
  const unprovokableCount = documented.filter((status) => status.unprovokable).length;
  return {
    operations: result,
    totals: {
      statuses: { seen, documented: documented.length, unprovokable: unprovokableCount, percent: tally(seen, documented.length - unprovokableCount).percent },
      keywords: tallyItems(
        operations.flatMap(({ operationId, items }) => items.map((item) => ({ ...item, key: itemKey(operationId, item) }))),
        (item) => covered.has(item.key),
      ),
    },
  };
}

/** Documented statuses neither seen nor unprovokable: the coverage gaps of a run. */
export const missedStatuses = (coverage: ContractCoverage): string[] =>
  coverage.operations.flatMap((operation) =>
    Object.entries(operation.statuses)
      .filter(([, status]) => status.documented && !status.seen && !status.unprovokable)
      .map(([status]) => `${operation.operationId} ${status}`),
  );

const UNCOVERED_SHOWN = 12;

export function renderCoverageMarkdown(coverage: ContractCoverage): string {
  const { statuses, keywords } = coverage.totals;
  const lines = [
    '# Contract coverage',
    '',
    'What this run exercised of `openapi.yaml`. Statuses: a response with that status to a request of that operation.',
    'Keywords: each parameter and request-body property sent with a valid value and (where one exists) an invalid one,',
    'each response property and header observed, each response enum value observed, each pattern a value was checked',
    'against. Items under statuses listed in suites/unprovokable.yaml are left out of the totals.',
    '',
    `Statuses seen: ${statuses.seen} of ${statuses.documented} documented, ${statuses.unprovokable} of them unprovokable (${statuses.percent} % of the provokable ones).`,
    `Keywords covered: ${keywords.covered} of ${keywords.total} (${keywords.percent} %) — ${KEYWORD_KINDS.map((kind) => `${kind} ${keywords.byKind[kind].covered}/${keywords.byKind[kind].total}`).join(', ')}.`,
    '',
    '| operation | statuses seen | not seen | keywords | uncovered |',
    '|---|---|---|---|---|',
  ];
  for (const operation of coverage.operations) {
    const entries = Object.entries(operation.statuses);
    const seen = entries.filter(([, status]) => status.seen).map(([code, status]) => (status.documented ? code : `${code} (undocumented)`));
    const missed = entries.filter(([, status]) => status.documented && !status.seen).map(([code, status]) => (status.unprovokable ? `${code} (unprovokable)` : `**${code}**`));
    const uncovered = operation.uncovered.length > UNCOVERED_SHOWN ? [...operation.uncovered.slice(0, UNCOVERED_SHOWN), `… ${operation.uncovered.length - UNCOVERED_SHOWN} more (json)`] : operation.uncovered;
    lines.push(`| ${operation.operationId} | ${seen.join(', ')} | ${missed.join(', ')} | ${operation.keywords.covered}/${operation.keywords.total} | ${uncovered.map((item) => `\`${item}\``).join(', ')} |`);
  }
  return lines.join('\n') + '\n';
}

/** reports/contract-coverage.{json,md} of one run (all its shards present here). */
export function writeCoverage(runId: string, document: OpenAPIV3.Document): { file: string; coverage: ContractCoverage } {
  const coverage = buildCoverage(contractItems(document), readCoverage(runId));
  fs.mkdirSync(reportsDir(), { recursive: true });
  fs.writeFileSync(path.join(reportsDir(), 'contract-coverage.json'), JSON.stringify(coverage, null, 2) + '\n');
  const file = path.join(reportsDir(), 'contract-coverage.md');
  fs.writeFileSync(file, renderCoverageMarkdown(coverage));
  return { file, coverage };
}

export const coverageLine = ({ totals }: ContractCoverage): string =>
  `${totals.statuses.seen}/${totals.statuses.documented} documented statuses seen (${totals.statuses.unprovokable} unprovokable), ${totals.keywords.percent} % of keywords (${totals.keywords.covered}/${totals.keywords.total})`;
