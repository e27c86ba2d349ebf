import * as fs from 'node:fs';
import { fromRoot } from '../../lib/paths';
import { acceptedSurvivors, directivesIn, recordedEquivalents, type Equivalent } from '../../mutation/equivalents';

const key = ({ file, code, mutators, reason }: Equivalent) => JSON.stringify({ file, code, mutators: [...mutators].sort(), reason });

test('every Stryker directive in server/ disables the next line for named mutators, with a reason', () => {
  expect(directivesIn().filter((directive) => !directive.wellFormed).map(({ file, line }) => `${file}:${line}`)).toEqual([]);
});

test('the equivalent mutants recorded in fixtures/mutation-equivalents.yaml are exactly the disabled ones', () => {
  const disabled = directivesIn().map(key).sort();
  const recorded = recordedEquivalents().map(key).sort();
  expect({ missingFromTheList: disabled.filter((entry) => !recorded.includes(entry)), withoutAComment: recorded.filter((entry) => !disabled.includes(entry)) }).toEqual({ missingFromTheList: [], withoutAComment: [] });
});

// The instrumenter's mutator files (array-declaration-mutator.js → ArrayDeclaration) are the names its directives accept.
const knownMutators = () =>
  fs
    .readdirSync(fromRoot('node_modules', '@stryker-mutator', 'instrumenter', 'dist', 'src', 'mutators'))
    .flatMap((file) => /^(.+)-mutator\.js$/.exec(file)?.[1] ?? [])
    .map((name) => name.replace(/(^|-)(\w)/g, (_m, _dash: string, letter: string) => letter.toUpperCase()));

test('every recorded mutator is one Stryker has', () => {
  const known = knownMutators();
  expect(known).toContain('ConditionalExpression');
  // 'all' only for a region (the first test holds it to a `restore all`).
  expect(recordedEquivalents().flatMap((entry) => entry.mutators.filter((mutator) => mutator !== 'all' && !known.includes(mutator)))).toEqual([]);
});

test('every accepted survivor names a line of its file, a mutator Stryker has, and a reason', () => {
  const known = knownMutators();
  const faulty = acceptedSurvivors().flatMap((entry) => {
    const lines = fs.readFileSync(fromRoot(entry.file), 'utf8').split('\n').map((line) => line.trim());
    const problems = [
      ...(lines.includes(entry.code) ? [] : ['no such line']),
      ...(known.includes(entry.mutator) ? [] : [`unknown mutator ${entry.mutator}`]),
      ...(typeof entry.replacement === 'string' && entry.replacement !== '' ? [] : ['no replacement']),
      ...(typeof entry.reason === 'string' && entry.reason.trim() !== '' ? [] : ['no reason']),
    ];
    return problems.map((problem) => `${entry.file} "${entry.code}": ${problem}`);
  });
  expect(faulty).toEqual([]);
});

test('no two accepted survivors name the same mutants', () => {
  // One entry explains every mutant it names (one line can hold two alike), so a second one would always be stale.
  const keys = acceptedSurvivors().map(({ file, code, mutator, replacement }) => JSON.stringify([file, code, mutator, replacement]));
  expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
});
