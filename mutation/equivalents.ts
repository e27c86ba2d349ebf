import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { fromRoot } from '../lib/paths';

/**
 * A mutant the conformance suite must not kill, recorded as data: a correct server may behave as the mutant
 * does (the contract leaves it free), or no request can tell the two apart. Stryker applies it as a
 * `// Stryker disable next-line <mutators>: <reason>` comment on the line before `code`, or for a region
 * as `// Stryker disable all: <reason>` before `code` up to `// Stryker restore all` (reported Ignored,
 * outside the score); test/unit/mutation-equivalents.test.ts holds the comments and this file to agree.
 */
export interface Equivalent {
  /** Relative to the project root. */
  file: string;
  /** The disabled line, trimmed. */
  code: string;
  mutators: string[];
  reason: string;
}

export const EQUIVALENTS_FILE = fromRoot('fixtures', 'mutation-equivalents.yaml');

export const recordedEquivalents = (): Equivalent[] => (parse(fs.readFileSync(EQUIVALENTS_FILE, 'utf8')) as Equivalent[] | null) ?? [];

/**
 * An equivalent mutant no directive can disable: the same mutator on the same line also makes a mutant the
 * suite kills, and a directive would hide that one too. It stays in the score; the run names every survivor
 * that no such entry explains (mutation/summary.ts).
 */
export interface AcceptedSurvivor {
  file: string;
  /** The mutated line, trimmed. */
  code: string;
  mutator: string;
  /** The mutant's replacement text, as Stryker's report gives it. */
  replacement: string;
  reason: string;
}

export const SURVIVORS_FILE = fromRoot('fixtures', 'mutation-survivors.yaml');

export const acceptedSurvivors = (): AcceptedSurvivor[] => (parse(fs.readFileSync(SURVIVORS_FILE, 'utf8')) as AcceptedSurvivor[] | null) ?? [];

/** Stryker's directive syntax (its DirectiveBookkeeper), as written after `//`. */
const DIRECTIVE = /\/\/\s?Stryker (disable|restore)(?: (next-line))? ([a-zA-Z, ]+)(?::(.+)?)?/;

export interface Directive extends Equivalent {
  line: number;
  /**
   * `disable next-line <mutators>: <reason>`, or `disable all: <reason>` for a region that a later
   * `restore all` ends (mutators [all] in the list); anything else hides mutants no entry explains.
   */
  wellFormed: boolean;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every Stryker directive comment below a folder (server/ by default). */
export function directivesIn(dir = fromRoot('server')): Directive[] {
  return sourceFiles(dir).flatMap((file) => {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const parsed = lines.map((text) => DIRECTIVE.exec(text));
    return parsed.flatMap((match, index) => {
      if (!match || match[1] === 'restore') return [];
      const [, , scope, mutators, reason = ''] = match;
      const names = mutators.split(',').map((name) => name.trim()).filter((name) => name !== '');
      const region = names.length === 1 && names[0] === 'all';
      const restored = parsed.slice(index + 1).some((later) => later?.[1] === 'restore' && later[3].trim() === 'all');
      return [{
        file: path.relative(fromRoot(), file),
        line: index + 1,
        code: (lines[index + 1] ?? '').trim(),
        mutators: names,
        reason: reason.trim(),
        wellFormed: reason.trim() !== '' && (scope === 'next-line' ? !names.includes('all') : region && restored),
      }];
    });
  });
}
