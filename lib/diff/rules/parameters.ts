import { isAuthorizationHeader, parametersOf, type ParameterEntry } from '../parts';
import type { OperationPair, Rule } from '../types';

const describe = (entry: ParameterEntry): string => `request ${entry.value.in} parameter ${entry.value.name}`;

/** Parameters one side has and the other lacks, leaving out the ones that only moved (request-parameter-location-changed). */
function unmatched(pair: OperationPair): { removed: ParameterEntry[]; added: ParameterEntry[] } {
  const before = parametersOf(pair.base);
  const after = parametersOf(pair.head);
  const removed = [...before.values()].filter((entry) => !after.has(entry.key));
  const added = [...after.values()].filter((entry) => !before.has(entry.key));
  const sameName = (a: ParameterEntry, b: ParameterEntry) => a.value.name.toLowerCase() === b.value.name.toLowerCase();
  return {
    removed: removed.filter((entry) => !added.some((other) => sameName(entry, other))),
    added: added.filter((entry) => !removed.some((other) => sameName(entry, other))),
  };
}

/** Authorization is judged by auth-header-requirement-changed: OAS tools ignore it, real clients do not. */
const judgedHere = (entry: ParameterEntry): boolean => !isAuthorizationHeader(entry.value);

export const requestParameterAdded: Rule<OperationPair> = {
  name: 'request-parameter-added',
  title: 'A new required parameter or header (ERROR: existing clients do not send it); an optional one is INFO.',
  check(pair, emit) {
    for (const entry of unmatched(pair).added.filter(judgedHere)) {
      const required = entry.value.required === true;
      emit({ severity: required ? 'ERROR' : 'INFO', where: describe(entry), message: `${required ? 'required' : 'optional'} parameter added`, headPath: entry.path });
    }
  },
};

export const requestParameterRemoved: Rule<OperationPair> = {
  name: 'request-parameter-removed',
  title: 'A parameter is gone: clients still send it and the server ignores it, which may change what they get (WARNING).',
  check(pair, emit) {
    for (const entry of unmatched(pair).removed.filter(judgedHere)) {
      emit({ severity: 'WARNING', where: describe(entry), message: 'parameter removed', basePath: entry.path });
    }
  },
};

export const requestParameterRequiredChanged: Rule<OperationPair> = {
  name: 'request-parameter-required-changed',
  title: 'An optional parameter or header became required (ERROR); a required one became optional (INFO).',
  check(pair, emit) {
    const after = parametersOf(pair.head);
    for (const entry of [...parametersOf(pair.base).values()].filter(judgedHere)) {
      const twin = after.get(entry.key);
      if (!twin || (entry.value.required === true) === (twin.value.required === true)) continue;
      const required = twin.value.required === true;
      emit({ severity: required ? 'ERROR' : 'INFO', where: describe(twin), message: required ? 'became required' : 'is no longer required', basePath: entry.path, headPath: twin.path });
    }
  },
};

export const requestParameterLocationChanged: Rule<OperationPair> = {
  name: 'request-parameter-location-changed',
  title: 'A parameter moved (e.g. from the query to a header): clients still send it where it was.',
  check(pair, emit) {
    const before = parametersOf(pair.base);
    const after = parametersOf(pair.head);
    for (const entry of before.values()) {
      if (after.has(entry.key)) continue;
      const moved = [...after.values()].find((other) => !before.has(other.key) && other.value.name.toLowerCase() === entry.value.name.toLowerCase());
      if (!moved) continue;
      emit({ severity: 'ERROR', where: describe(entry), message: `moved from ${entry.value.in} to ${moved.value.in}`, basePath: entry.path, headPath: moved.path });
    }
  },
};
