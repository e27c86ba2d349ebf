import * as path from 'node:path';

/** The part of Stryker's mutation-testing report (mutation-testing-report-schema) this reporter reads. */
export interface MutationReport {
  files: Record<string, { mutants: Array<{ status: string }> }>;
}

/** The targets: each area's mutation score must reach its minimum (percent). */
export const AREAS = [
  { name: 'server/handlers', minimum: 90, holds: (file: string) => file.startsWith('server/handlers/') },
  { name: 'server/auth.ts', minimum: 90, holds: (file: string) => file === 'server/auth.ts' },
  { name: 'rest of server/', minimum: 80, holds: (file: string) => !file.startsWith('server/handlers/') && file !== 'server/auth.ts' },
] as const;

export interface Counts {
  killed: number;
  survived: number;
  timeout: number;
  noCoverage: number;
  /** Ignored: recorded as equivalent (fixtures/mutation-equivalents.yaml), outside the score. */
  ignored: number;
}

const STATUS_COUNT: Record<string, keyof Counts | undefined> = { Killed: 'killed', Survived: 'survived', Timeout: 'timeout', NoCoverage: 'noCoverage', Ignored: 'ignored' };

export function countMutants(report: MutationReport, holds: (file: string) => boolean = () => true): Counts {
  const counts: Counts = { killed: 0, survived: 0, timeout: 0, noCoverage: 0, ignored: 0 };
  for (const [file, { mutants }] of Object.entries(report.files)) {
    if (!holds(path.isAbsolute(file) ? path.relative(process.cwd(), file) : file)) continue;
    for (const mutant of mutants) {
      const count = STATUS_COUNT[mutant.status];
      if (count) counts[count] += 1;
    }
  }
  return counts;
}

/** Stryker's score: detected (killed or timed out) of all valid mutants; undefined when there are none. */
export function mutationScore(counts: Counts): number | undefined {
  const valid = counts.killed + counts.timeout + counts.survived + counts.noCoverage;
  return valid === 0 ? undefined : (100 * (counts.killed + counts.timeout)) / valid;
}

const percent = (score: number) => `${score.toFixed(1)} %`;

/** One line per area that was mutated, then the closing line; `met` is false when an area misses its minimum. */
export function summarise(report: MutationReport): { lines: string[]; met: boolean } {
  const lines: string[] = [];
  let met = true;
  for (const area of AREAS) {
    const counts = countMutants(report, area.holds);
    const score = mutationScore(counts);
    if (score === undefined) continue;
    const ok = score >= area.minimum;
    met &&= ok;
    lines.push(`  ${area.name.padEnd(17)} ${percent(score).padStart(7)}  (minimum ${area.minimum} %${ok ? '' : ', MISSED'})  ${counts.killed} killed, ${counts.survived} survived, ${counts.timeout} timed out, ${counts.noCoverage} no coverage`);
  }
  const total = countMutants(report);
  const score = mutationScore(total);
  lines.push(
    `mutation score ${score === undefined ? 'n/a' : percent(score)}: ${total.killed} killed, ${total.survived} survived, ${total.timeout} timed out, ${total.noCoverage} no coverage` +
      ` (${total.ignored} equivalent, not scored) — ${met ? 'targets met' : 'targets missed'}`,
  );
  return { lines, met };
}
