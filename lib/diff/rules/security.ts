import type { OpenAPIV3 } from 'openapi-types';
import { truncate } from '../../checks/types';
import { child, isAuthorizationHeader, parametersOf } from '../parts';
import type { OperationPair, OperationView, Rule } from '../types';

/**
 * The Authorization header as a parameter (the contract's only auth model: erratum authorization-header-ignored-by-oas).
 * OAS tools ignore such a parameter; real clients do not, so it is judged here.
 */
export const authHeaderRequirementChanged: Rule<OperationPair> = {
  name: 'auth-header-requirement-changed',
  title: 'The Authorization header became required where clients could call without it (ERROR); relaxed or dropped (INFO).',
  check(pair, emit) {
    const find = (view: OperationView) => [...parametersOf(view).values()].find((entry) => isAuthorizationHeader(entry.value));
    const before = find(pair.base);
    const after = find(pair.head);
    const wasRequired = before?.value.required === true;
    const isRequired = after?.value.required === true;
    if (wasRequired === isRequired && (before === undefined) === (after === undefined)) return;
    const message = isRequired ? `Authorization is now required (was ${before ? 'optional' : 'not taken'})` : after ? `Authorization is now optional (was ${before ? 'required' : 'not taken'})` : 'Authorization is no longer taken (clients still send it)';
    emit({ severity: isRequired && !wasRequired ? 'ERROR' : 'INFO', where: 'request header Authorization', message, basePath: before?.path ?? pair.base.path, headPath: after?.path ?? pair.head.path });
  },
};

/** One way to authenticate: the schemes it needs, each with its definition (a changed definition is a changed requirement), and scopes. */
type Alternative = Map<string, { definition: string; scopes: string[] }>;

function alternatives(view: OperationView): { list: Alternative[]; path: string } {
  const own = view.operation.security;
  const requirements = own ?? view.document.security ?? [];
  const path = own ? child(view.path, 'security') : view.document.security ? '/security' : view.path;
  const schemes = (view.document.components?.securitySchemes ?? {}) as Record<string, OpenAPIV3.SecuritySchemeObject>;
  // No requirement at all, or an empty one among them, means a client may call without credentials.
  const list = (requirements.length === 0 ? [{}] : requirements).map(
    (requirement) => new Map(Object.entries(requirement).map(([name, scopes]) => [name, { definition: JSON.stringify(schemes[name] ?? null), scopes }])),
  );
  return { list, path };
}

/** A client that satisfies `held` also satisfies `needed`: every scheme needed is held, same definition, scopes included. */
const satisfies = (held: Alternative, needed: Alternative): boolean =>
  [...needed].every(([name, need]) => held.get(name)?.definition === need.definition && need.scopes.every((scope) => held.get(name)!.scopes.includes(scope)));

const show = (alternative: Alternative): string => (alternative.size === 0 ? 'none' : [...alternative.keys()].join(' + '));

export const securityRequirementChanged: Rule<OperationPair> = {
  name: 'security-requirement-changed',
  title: 'A way to authenticate that BASE accepted is no longer accepted (new security, changed scheme or scopes); relaxed is INFO.',
  check(pair, emit) {
    const before = alternatives(pair.base);
    const after = alternatives(pair.head);
    const lost = before.list.filter((held) => !after.list.some((needed) => satisfies(held, needed)));
    const same = lost.length === 0 && after.list.every((needed) => before.list.some((held) => satisfies(held, needed) && satisfies(needed, held)));
    if (same) return;
    const message = lost.length > 0
      ? `clients that authenticate with ${truncate(lost.map(show).join(' or '), 120)} are no longer accepted (HEAD needs ${truncate(after.list.map(show).join(' or '), 120)})`
      : `every way BASE accepted is still accepted: ${truncate(before.list.map(show).join(' or '), 120)} → ${truncate(after.list.map(show).join(' or '), 120)}`;
    emit({ severity: lost.length > 0 ? 'ERROR' : 'INFO', where: 'security', message, basePath: before.path, headPath: after.path });
  },
};
