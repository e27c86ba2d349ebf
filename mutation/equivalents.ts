import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { fromRoot } from '../lib/paths';

/**
 * A mutant the conformance suite must not kill, recorded as data: a correct server may behave as the mutant
 * does (the contract leaves it free), or no request can tell the two apart. Stryker applies it as a
 * `// Stryker disable next-line <mutators>: <reason>` comment on the line before `code` (reported Ignored,
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

/** Stryker's directive syntax (its DirectiveBookkeeper), as written after `//`. */
const DIRECTIVE = /\/\/\s?Stryker (disable|restore)(?: (next-line))? ([a-zA-Z, ]+)(?::(.+)?)?/;

export interface Directive extends Equivalent {
  line: number;
  /** Only `disable next-line` with named mutators and a reason: anything broader hides mutants no entry lists. */
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
    return lines.flatMap((text, index) => {
      const match = DIRECTIVE.exec(text);
      if (!match) return [];
      const [, kind, scope, mutators, reason] = match;
      const names = mutators.split(',').map((name) => name.trim()).filter((name) => name !== '');
      return [{
        file: path.relative(fromRoot(), file),
        line: index + 1,
        code: (lines[index + 1] ?? '').trim(),
        mutators: names,
        reason: (reason ?? '').trim(),
        wellFormed: kind === 'disable' && scope === 'next-line' && !names.some((name) => name.toLowerCase() === 'all') && (reason ?? '').trim() !== '',
      }];
    });
  });
}
