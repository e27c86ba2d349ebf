import type { OpenAPIV3 } from 'openapi-types';
import { HTTP_METHODS } from '../spec/contract';
import { loadErrata, pointerOf, pointerTokens } from '../spec/errata';
import type { OperationPair, OperationView } from './types';

/** The ids errata give operations that have none (missing-operation-id), by the operation's pointer. */
function syntheticIdsFromErrata(): Map<string, string> {
  const ids = new Map<string, string>();
  for (const erratum of loadErrata()) {
    for (const operation of erratum.patch ?? []) {
      const tokens = pointerTokens(operation.path);
      if (operation.op === 'add' && tokens.length === 4 && tokens[0] === 'paths' && tokens[3] === 'operationId') ids.set(pointerOf(tokens.slice(0, 3)), String(operation.value));
    }
  }
  return ids;
}

/** Where no erratum names it, the rule the erratum follows: `<method>-<path with dashes, no braces>`. */
const idByRule = (method: string, pathTemplate: string): string => [method, ...pathTemplate.replace(/[{}]/g, '').split('/').filter(Boolean)].join('-');

export function operationsOf(document: OpenAPIV3.Document): OperationView[] {
  const synthetic = syntheticIdsFromErrata();
  const views: OperationView[] = [];
  for (const [pathTemplate, pathItem] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem?.[method];
      if (!operation) continue;
      const path = pointerOf(['paths', pathTemplate, method]);
      const id = operation.operationId ?? synthetic.get(path) ?? idByRule(method, pathTemplate);
      views.push({ id, synthetic: operation.operationId === undefined, method, pathTemplate, path, operation, pathItem, document });
    }
  }
  return views;
}

/** `/a/{id}` and `/a/{key}` are the same URL template. */
export const endpointKey = (view: OperationView): string => `${view.method} ${view.pathTemplate.replace(/\{[^}]*\}/g, '{}')}`;
export const endpoint = (view: OperationView): string => `${view.method.toUpperCase()} ${view.pathTemplate}`;

export interface OperationMatching {
  pairs: OperationPair[];
  removed: OperationView[];
  added: OperationView[];
}

/** Pairs operations by operationId, then what is left by method and URL template (a renamed id on the same endpoint). */
export function matchOperations(base: OperationView[], head: OperationView[]): OperationMatching {
  const pairs: OperationPair[] = [];
  const unmatchedHead = new Set(head);
  const unmatchedBase: OperationView[] = [];
  for (const view of base) {
    const twin = head.find((candidate) => candidate.id === view.id);
    if (twin && unmatchedHead.has(twin)) {
      pairs.push({ base: view, head: twin });
      unmatchedHead.delete(twin);
    } else unmatchedBase.push(view);
  }
  const removed: OperationView[] = [];
  for (const view of unmatchedBase) {
    const twin = [...unmatchedHead].find((candidate) => endpointKey(candidate) === endpointKey(view));
    if (twin) {
      pairs.push({ base: view, head: twin });
      unmatchedHead.delete(twin);
    } else removed.push(view);
  }
  return { pairs, removed, added: [...unmatchedHead] };
}
