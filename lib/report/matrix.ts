import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { fromRoot, reportsDir } from '../paths';
import { contractIndex } from '../spec/contract';
import type { StoredResult } from './results';

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
  /** Undocumented statuses the server answered with (the errata's undocumented-4xx, recorded). */
  undocumentedStatuses: number[];
}

const WORST: Cell[] = ['fail', 'known', 'precondition', 'pass'];
const worst = (a: Cell, b: Cell): Cell => (a === '' ? b : WORST.find((cell) => cell === a || cell === b) ?? a);

/** Rows = operations by tag; columns = documented statuses + "undocumented"; empty cell = coverage gap. */
export function buildMatrix(results: StoredResult[], unprovokable: Unprovokable[] = loadUnprovokable()): { columns: string[]; rows: MatrixRow[] } {
  const index = contractIndex();
  const columns = [...new Set(index.operations.flatMap((operation) => operation.statuses))].sort((a, b) => a - b).map(String);
  columns.push('undocumented');
  const rows = [...index.operations]
    .sort((a, b) => a.tag.localeCompare(b.tag) || a.pathTemplate.localeCompare(b.pathTemplate))
    .map<MatrixRow>((operation) => {
      const cells: Record<string, Cell> = {};
      for (const column of columns) cells[column] = '';
      for (const status of operation.statuses) if (unprovokable.some((u) => u.operationId === operation.operationId && u.status === status)) cells[String(status)] = 'unprovokable';
      const mine = results.filter((result) => result.operationId === operation.operationId);
      for (const result of mine) cells[String(result.status)] = worst(cells[String(result.status)], result.verdict as Cell);
      const undocumented = new Set(mine.flatMap((result) => result.observedStatuses.filter((status) => !operation.statuses.includes(status))));
      return { tag: operation.tag, operationId: operation.operationId, cells, undocumentedStatuses: [...undocumented].sort() };
    });
  return { columns, rows };
}

export function renderMatrixMarkdown(matrix: ReturnType<typeof buildMatrix>): string {
  const documented = (row: MatrixRow, column: string) => column === 'undocumented' || contractIndex().operation(row.operationId).statuses.includes(Number(column));
  const lines = [
    '# Conformance matrix',
    '',
    'Rows: operations by tag. Columns: documented statuses, and "undocumented" (cases the contract is silent on).',
    'A blank cell under a documented status is a coverage gap; "·" means the contract does not document that status there.',
    '',
    `| tag | operation | ${matrix.columns.join(' | ')} | undocumented statuses seen |`,
    `|---|---|${matrix.columns.map(() => '---').join('|')}|---|`,
  ];
  for (const row of matrix.rows) {
    const cells = matrix.columns.map((column) => (documented(row, column) ? row.cells[column] || ' ' : '·'));
    lines.push(`| ${row.tag} | ${row.operationId} | ${cells.join(' | ')} | ${row.undocumentedStatuses.join(', ')} |`);
  }
  return lines.join('\n') + '\n';
}

export function writeMatrix(results: StoredResult[]): string {
  const matrix = buildMatrix(results);
  fs.mkdirSync(reportsDir(), { recursive: true });
  fs.writeFileSync(path.join(reportsDir(), 'conformance-matrix.json'), JSON.stringify(matrix, null, 2));
  const file = path.join(reportsDir(), 'conformance-matrix.md');
  fs.writeFileSync(file, renderMatrixMarkdown(matrix));
  return file;
}

/** Documented (operation, status) pairs that neither a scenario nor the unprovokable list covers. */
export function coverageGaps(matrix: ReturnType<typeof buildMatrix>): string[] {
  return matrix.rows.flatMap((row) =>
    contractIndex()
      .operation(row.operationId)
      .statuses.filter((status) => row.cells[String(status)] === '')
      .map((status) => `${row.operationId} ${status}`),
  );
}
