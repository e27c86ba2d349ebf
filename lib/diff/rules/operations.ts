import type { OpenAPIV3 } from 'openapi-types';
import { endpoint, endpointKey } from '../operations';
import { child } from '../parts';
import type { OperationPair, OperationView, Rule } from '../types';

/** An operation only one side has, and the other side's document. */
export interface UnmatchedOperation {
  view: OperationView;
  other: OpenAPIV3.Document;
}

export interface DocumentPair {
  base: OpenAPIV3.Document;
  head: OpenAPIV3.Document;
}

export const operationRemoved: Rule<UnmatchedOperation> = {
  name: 'operation-removed',
  title: 'An operation, its method or its whole path is gone: every client calling it gets 404/405.',
  check({ view, other }, emit) {
    const pathItem = other.paths?.[view.pathTemplate];
    const message = pathItem ? `${endpoint(view)} removed (the path remains with other methods)` : `${endpoint(view)} removed (the path ${view.pathTemplate} is gone)`;
    emit({ severity: 'ERROR', where: 'operation', message, basePath: view.path, headPath: pathItem ? child('', 'paths', view.pathTemplate) : '/paths' });
  },
};

export const operationAdded: Rule<UnmatchedOperation> = {
  name: 'operation-added',
  title: 'A new operation: no existing client calls it.',
  check({ view }, emit) {
    emit({ severity: 'INFO', where: 'operation', message: `${endpoint(view)} added${view.synthetic ? ' (no operationId; see erratum missing-operation-id)' : ''}`, headPath: view.path });
  },
};

export const operationMoved: Rule<OperationPair> = {
  name: 'operation-moved',
  title: 'The same operationId now has another method or URL: clients still call the old one.',
  check({ base, head }, emit) {
    if (endpointKey(base) === endpointKey(head)) return;
    emit({ severity: 'ERROR', where: 'operation', message: `${endpoint(base)} → ${endpoint(head)}`, basePath: base.path, headPath: head.path });
  },
};

export const operationIdChanged: Rule<OperationPair> = {
  name: 'operation-id-changed',
  title: 'The same endpoint has another operationId: the wire is unchanged; generated clients rename the call when rebuilt.',
  check({ base, head }, emit) {
    if (base.id === head.id) return;
    emit({ severity: 'INFO', where: 'operation', message: `operationId ${base.id} → ${head.id}`, basePath: child(base.path, 'operationId'), headPath: child(head.path, 'operationId') });
  },
};

const componentNames = (document: OpenAPIV3.Document): string[] =>
  Object.entries(document.components ?? {}).flatMap(([kind, entries]) => Object.keys((entries ?? {}) as object).map((name) => `${kind}/${name}`));

/** Components matter where operations use them, and those changes are found per operation; this only lists them. */
export const componentAdded: Rule<DocumentPair> = {
  name: 'component-added',
  title: 'A new reusable component (schema, parameter, …); what uses it is reported per operation.',
  check({ base, head }, emit) {
    const before = new Set(componentNames(base));
    for (const name of componentNames(head).filter((name) => !before.has(name))) {
      emit({ severity: 'INFO', where: `components/${name}`, message: `component ${name} added`, headPath: child('', 'components', ...name.split('/')) });
    }
  },
};

export const componentRemoved: Rule<DocumentPair> = {
  name: 'component-removed',
  title: 'A reusable component is gone; what used it is reported per operation.',
  check({ base, head }, emit) {
    const after = new Set(componentNames(head));
    for (const name of componentNames(base).filter((name) => !after.has(name))) {
      emit({ severity: 'INFO', where: `components/${name}`, message: `component ${name} removed`, basePath: child('', 'components', ...name.split('/')) });
    }
  },
};
