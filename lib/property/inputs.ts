import fc from 'fast-check';
import { matching, nearMisses } from '../generate/arbitraries';
import type { ScenarioContext } from '../scenario/context';

/** The contract's SemVer pattern (appManifestSchemaVersion), read from the contract itself. */
export const semverPattern = (t: ScenarioContext): string => t.contract.componentSchema('appManifestSchemaVersion').pattern!;
export const sessionIdPattern = (t: ScenarioContext): string => t.contract.componentSchema('id').pattern!;

/** SemVer strings: small realistic ones most of the time, anything the pattern allows sometimes. */
export const anySemver = (t: ScenarioContext): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.nat(5), fc.nat(5), fc.nat(5)).map(([a, b, c]) => `${a}.${b}.${c}`) },
    { weight: 1, arbitrary: matching(semverPattern(t)).filter((s) => s.length < 60) },
  );

/** Strings that are not SemVer: near misses of valid versions and arbitrary text. */
export const notSemver = (t: ScenarioContext): fc.Arbitrary<string> => {
  const pattern = new RegExp(semverPattern(t));
  return fc.oneof(nearMisses(semverPattern(t)).filter((s) => s.length < 60), fc.string({ maxLength: 12 })).filter((s) => s !== '' && !pattern.test(s)); // an empty value may mean absent
};

/** Header-safe strings (printable ASCII, no leading or trailing blanks, which HTTP strips). */
export const headerSafe = (arbitrary: fc.Arbitrary<string>): fc.Arbitrary<string> => arbitrary.filter((s) => /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(s) || s === '');
