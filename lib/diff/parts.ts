import type { OpenAPIV3 } from 'openapi-types';
import { pointerOf } from '../spec/errata';
import type { OperationPair, OperationView } from './types';

/** The pointer of a child of the node at `path`. */
export const child = (path: string, ...tokens: string[]): string => path + pointerOf(tokens);

export interface Located<T> {
  value: T;
  path: string;
}

export interface ParameterEntry extends Located<OpenAPIV3.ParameterObject> {
  key: string;
}

/**
 * What identifies a parameter on the wire: header names are case-insensitive; a path parameter is its place in
 * the URL template, so renaming `{app}` to `{application}` changes nothing a client sends.
 */
function parameterKey(parameter: OpenAPIV3.ParameterObject, pathTemplate: string): string {
  if (parameter.in === 'header') return `header:${parameter.name.toLowerCase()}`;
  if (parameter.in === 'path') return `path:#${[...pathTemplate.matchAll(/\{([^}]*)\}/g)].findIndex((match) => match[1] === parameter.name)}`;
  return `${parameter.in}:${parameter.name}`;
}

export const isAuthorizationHeader = (parameter: OpenAPIV3.ParameterObject): boolean =>
  parameter.in === 'header' && parameter.name.toLowerCase() === 'authorization';

/** The parameters that apply to an operation: the path item's, overridden by the operation's own (OAS 3.0 §4.7.9). */
export function parametersOf(view: OperationView): Map<string, ParameterEntry> {
  const entries = new Map<string, ParameterEntry>();
  const pathItemPath = view.path.slice(0, view.path.lastIndexOf('/'));
  const add = (list: unknown[] | undefined, owner: string) =>
    (list ?? []).forEach((item, i) => {
      const parameter = item as OpenAPIV3.ParameterObject;
      const key = parameterKey(parameter, view.pathTemplate);
      entries.set(key, { key, value: parameter, path: child(owner, 'parameters', String(i)) });
    });
  add(view.pathItem.parameters, pathItemPath);
  add(view.operation.parameters, view.path);
  return entries;
}

/** Media types by lower-case name (their keys are case-insensitive). */
export function mediaTypesOf(content: Record<string, OpenAPIV3.MediaTypeObject> | undefined, path: string): Map<string, Located<OpenAPIV3.MediaTypeObject> & { name: string }> {
  return new Map(Object.entries(content ?? {}).map(([name, media]) => [name.toLowerCase(), { name, value: media, path: child(path, 'content', name) }]));
}

export function requestBodyOf(view: OperationView): Located<OpenAPIV3.RequestBodyObject> | undefined {
  const body = view.operation.requestBody as OpenAPIV3.RequestBodyObject | undefined;
  return body ? { value: body, path: child(view.path, 'requestBody') } : undefined;
}

export function responsesOf(view: OperationView): Map<string, Located<OpenAPIV3.ResponseObject>> {
  return new Map(Object.entries(view.operation.responses ?? {}).map(([status, response]) => [status.toUpperCase(), { value: response as OpenAPIV3.ResponseObject, path: child(view.path, 'responses', status) }]));
}

/** Response headers by lower-case name. */
export function headersOf(response: Located<OpenAPIV3.ResponseObject>): Map<string, Located<OpenAPIV3.HeaderObject> & { name: string }> {
  return new Map(Object.entries(response.value.headers ?? {}).map(([name, header]) => [name.toLowerCase(), { name, value: header as OpenAPIV3.HeaderObject, path: child(response.path, 'headers', name) }]));
}

/** 2xx and 3xx are what a client acts on; 4xx, 5xx and default are errors it reports. */
export const isSuccessStatus = (status: string): boolean => /^[23]/.test(status);

/** The statuses both sides document, with each side's response. */
export function matchedResponses(pair: OperationPair): Array<[status: string, base: Located<OpenAPIV3.ResponseObject>, head: Located<OpenAPIV3.ResponseObject>]> {
  const after = responsesOf(pair.head);
  return [...responsesOf(pair.base)].flatMap(([status, base]) => {
    const head = after.get(status);
    return head ? [[status, base, head] as [string, Located<OpenAPIV3.ResponseObject>, Located<OpenAPIV3.ResponseObject>]] : [];
  });
}
