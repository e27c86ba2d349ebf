import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { fromRoot, reportsDir } from '../paths';
import { contractIndex } from '../spec/contract';
import type { StoredResult } from './results';
import type { RunInfo } from './run';

export interface Unprovokable {
  operationId: string;
  status: number;
  reason: string;
}

export const loadUnprovokable = (): Unprovokable[] => parse(fs.readFileSync(fromRoot('suites', 'unprovokable.yaml'), 'utf8')) as Unprovokable[];

export type Cell = 'pass' | 'fail' | 'known' | 'precondition' | 'unprovokable' | '';

export interface MatrixRow {
  tag: string;
  operationId: string;
  cells: Record<string, Cell>;
  /** The ids of the failing tests behind each "fail" cell. */
  failing: Record<string, string[]>;
  /** Undocumented statuses the server answered with (the errata's undocumented-4xx, recorded). */
  undocumentedStatuses: number[];
}

export interface Matrix {
  /** The run (its shards) the matrix is of; absent for a matrix built in memory (self-tests). */
  run?: Omit<RunInfo, 'shard' | 'startedAt'> & { shards: string[]; startedAt: string; tests: number };
  columns: string[];
  rows: MatrixRow[];
}

const WORST: Cell[] = ['fail', 'known', 'precondition', 'pass'];
const worst = (a: Cell, b: Cell): Cell => (a === '' ? b : WORST.find((cell) => cell === a || cell === b) ?? a);

/** The run a matrix is of, from the run information of its shards (the earliest start is the run's date). */
export function matrixRun(shards: RunInfo[], tests: number): Matrix['run'] {
  if (shards.length === 0) return undefined;
  const [{ shard: _shard, startedAt: _startedAt, ...first }] = shards;
  return { ...first, shards: shards.map((info) => info.shard), startedAt: shards.map((info) => info.startedAt).sort()[0], tests };
}

/** Rows = operations by tag; columns = documented statuses + "undocumented"; empty cell = coverage gap. */
export function buildMatrix(results: StoredResult[], run?: Matrix['run'], unprovokable: Unprovokable[] = loadUnprovokable()): Matrix {
  const index = contractIndex();
  const columns = [...new Set(index.operations.flatMap((operation) => operation.statuses))].sort((a, b) => a - b).map(String);
  columns.push('undocumented');
  const rows = [...index.operations]
    .sort((a, b) => a.tag.localeCompare(b.tag) || a.pathTemplate.localeCompare(b.pathTemplate))
    .map<MatrixRow>((operation) => {
      const cells: Record<string, Cell> = {};
      const failing: Record<string, string[]> = {};
      for (const column of columns) cells[column] = '';
      for (const status of operation.statuses) if (unprovokable.some((u) => u.operationId === operation.operationId && u.status === status)) cells[String(status)] = 'unprovokable';
      const mine = results.filter((result) => result.operationId === operation.operationId);
      for (const result of mine) {
        const column = String(result.status);
        cells[column] = worst(cells[column], result.verdict as Cell);
        if (result.verdict === 'fail') (failing[column] ??= []).push(result.id);
      }
      const undocumented = new Set(mine.flatMap((result) => result.observedStatuses.filter((status) => !operation.statuses.includes(status))));
      return { tag: operation.tag, operationId: operation.operationId, cells, failing, undocumentedStatuses: [...undocumented].sort() };
    });
  return { ...(run ? { run } : {}), columns, rows };
}

function renderHeader(run: NonNullable<Matrix['run']>): string[] {
  const strictness = [run.strict ? '--strict (errata off)' : 'errata applied', run.strictClients ? '--strict-clients' : 'real-client expectations advisory'].join(', ');
  return [
    `| target | profile | run id | date | seed | strictness | shards | tests |`,
    `|---|---|---|---|---|---|---|---|`,
    `| ${run.target} | ${run.profile} | ${run.runId} | ${run.startedAt} | ${run.seed} | ${strictness} | ${run.shards.join(', ')} | ${run.tests}${run.only ? ` (--only ${run.only})` : ''} |`,
    '',
  ];
}

export function renderMatrixMarkdown(matrix: Matrix): string {
  const documented = (row: MatrixRow, column: string) => column === 'undocumented' || contractIndex().operation(row.operationId).statuses.includes(Number(column));
  const cellText = (row: MatrixRow, column: string) => {
    if (!documented(row, column)) return '·';
    const cell = row.cells[column];
    return cell === 'fail' ? `fail (${row.failing[column]?.length ?? 0})` : cell || ' ';
  };
  const lines = [
    '# Conformance matrix',
    '',
    ...(matrix.run ? renderHeader(matrix.run) : []),
    'Rows: operations by tag. Columns: documented statuses, and "undocumented" (cases the contract is silent on).',
    'A blank cell under a documented status is a coverage gap; "·" means the contract does not document that status there;',
    '"fail (n)" is n failing tests, listed below the table.',
    '',
    `| tag | operation | ${matrix.columns.join(' | ')} | undocumented statuses seen |`,
    `|---|---|${matrix.columns.map(() => '---').join('|')}|---|`,
  ];
  for (const row of matrix.rows) {
    lines.push(`| ${row.tag} | ${row.operationId} | ${matrix.columns.map((column) => cellText(row, column)).join(' | ')} | ${row.undocumentedStatuses.join(', ')} |`);
  }
  const failing = matrix.rows.flatMap((row) => matrix.columns.flatMap((column) => (row.failing[column] ?? []).map((id) => `- ${row.operationId} · ${column}: \`${id}\``)));
  if (failing.length > 0) lines.push('', '## Failing tests', '', ...failing);
  return lines.join('\n') + '\n';
}

/** reports/conformance-matrix.{md,json}: the matrix of one run. */
export function writeMatrix(results: StoredResult[], run?: Matrix['run']): string {
  const matrix = buildMatrix(results, run);
  fs.mkdirSync(reportsDir(), { recursive: true });
  fs.writeFileSync(path.join(reportsDir(), 'conformance-matrix.json'), JSON.stringify(matrix, null, 2));
  const file = path.join(reportsDir(), 'conformance-matrix.md');
  fs.writeFileSync(file, renderMatrixMarkdown(matrix));
  return file;
}

/** Documented (operation, status) pairs that neither a scenario nor the unprovokable list covers. */
export function coverageGaps(matrix: Matrix): string[] {
  return matrix.rows.flatMap((row) =>
    contractIndex()
      .operation(row.operationId)
      .statuses.filter((status) => row.cells[String(status)] === '')
      .map((status) => `${row.operationId} ${status}`),
  );
}
