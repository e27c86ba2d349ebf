import * as path from 'node:path';
import type { AcceptedSurvivor } from './equivalents';

export interface ReportedMutant {
  status: string;
  mutatorName?: string;
  replacement?: string;
  location?: { start: { line: number; column: number } };
}

/** The part of Stryker's mutation-testing report (mutation-testing-report-schema) this reporter reads. */
export interface MutationReport {
  files: Record<string, { source?: string; mutants: ReportedMutant[] }>;
}

const relativeFile = (file: string): string => (path.isAbsolute(file) ? path.relative(process.cwd(), file) : file);

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
    if (!holds(relativeFile(file))) continue;
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

export interface SurvivorAudit {
  /** Survived or uncovered mutants an entry of fixtures/mutation-survivors.yaml explains (an entry may explain two alike on one line). */
  explained: number;
  /** The others, one line each: what to kill with a scenario, or to record with its reason. */
  unexplained: string[];
  /** Entries of a mutated file that no survivor matches any more: killed now, or their line changed. */
  stale: AcceptedSurvivor[];
}

const LONGEST_SHOWN = 60;
const shown = (text: string): string => {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > LONGEST_SHOWN ? `${oneLine.slice(0, LONGEST_SHOWN - 1)}…` : oneLine;
};

/** Matches every survivor (and mutant without coverage) against the accepted ones, by file, line text, mutator and replacement. */
export function auditSurvivors(report: MutationReport, accepted: AcceptedSurvivor[]): SurvivorAudit {
  const matched = new Set<AcceptedSurvivor>();
  const unexplained: Array<{ name: string; line: number; text: string }> = [];
  let explained = 0;
  for (const [file, { source = '', mutants }] of Object.entries(report.files)) {
    const name = relativeFile(file);
    const lines = source.split('\n');
    for (const mutant of mutants) {
      if (mutant.status !== 'Survived' && mutant.status !== 'NoCoverage') continue;
      const line = mutant.location?.start.line ?? 0;
      const code = (lines[line - 1] ?? '').trim();
      const entry = accepted.find((candidate) => candidate.file === name && candidate.code === code && candidate.mutator === mutant.mutatorName && candidate.replacement === mutant.replacement);
      if (entry) {
        matched.add(entry);
        explained += 1;
      } else {
        unexplained.push({ name, line, text: `${name}:${line}:${mutant.location?.start.column ?? 0} ${mutant.status} ${mutant.mutatorName ?? '?'} → ${shown(mutant.replacement ?? '')}` });
      }
    }
  }
  const mutated = new Set(Object.keys(report.files).map(relativeFile));
  unexplained.sort((a, b) => a.name.localeCompare(b.name) || a.line - b.line);
  return { explained, unexplained: unexplained.map(({ text }) => text), stale: accepted.filter((entry) => mutated.has(entry.file) && !matched.has(entry)) };
}

/** At most this many mutants or entries are listed; the HTML report has them all. */
const MOST_LISTED = 40;
const listed = (lines: string[]): string[] => [
  ...lines.slice(0, MOST_LISTED).map((line) => `  ${line}`),
  ...(lines.length > MOST_LISTED ? [`  … and ${lines.length - MOST_LISTED} more (reports/mutation/mutation.html)`] : []),
];

/** The audit as the run prints it before the scores: bounded, one line per mutant or entry to act on. */
export function auditLines({ explained, unexplained, stale }: SurvivorAudit): string[] {
  return [
    `survivors: ${explained} recorded as equivalent (fixtures/mutation-survivors.yaml), ${unexplained.length} not explained${unexplained.length > 0 ? ':' : ''}`,
    ...listed(unexplained),
    ...(stale.length > 0 ? [`entries of fixtures/mutation-survivors.yaml no survivor matches (killed now, or the line changed): ${stale.length}`] : []),
    ...listed(stale.map((entry) => `${entry.file}: ${entry.mutator} → ${shown(entry.replacement)} on "${shown(entry.code)}"`)),
  ];
}
