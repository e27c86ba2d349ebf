import { mediaTypesOf, requestBodyOf } from '../parts';
import type { OperationPair, Rule } from '../types';

export const requestBodyAdded: Rule<OperationPair> = {
  name: 'request-body-added',
  title: 'A request body where there was none: required breaks clients that send none (ERROR); optional is INFO.',
  check(pair, emit) {
    const before = requestBodyOf(pair.base);
    const after = requestBodyOf(pair.head);
    if (before || !after) return;
    const required = after.value.required === true;
    emit({ severity: required ? 'ERROR' : 'INFO', where: 'request body', message: `${required ? 'required' : 'optional'} request body added`, headPath: after.path });
  },
};

export const requestBodyRemoved: Rule<OperationPair> = {
  name: 'request-body-removed',
  title: 'The request body is gone: clients still send one, which the server ignores or rejects (WARNING).',
  check(pair, emit) {
    const before = requestBodyOf(pair.base);
    if (!before || requestBodyOf(pair.head)) return;
    emit({ severity: 'WARNING', where: 'request body', message: 'request body removed', basePath: before.path, headPath: pair.head.path });
  },
};

export const requestBodyRequiredChanged: Rule<OperationPair> = {
  name: 'request-body-required-changed',
  title: 'An optional request body became required (ERROR); a required one optional (INFO).',
  check(pair, emit) {
    const before = requestBodyOf(pair.base);
    const after = requestBodyOf(pair.head);
    if (!before || !after || (before.value.required === true) === (after.value.required === true)) return;
    const required = after.value.required === true;
    emit({ severity: required ? 'ERROR' : 'INFO', where: 'request body', message: required ? 'the request body became required' : 'the request body is no longer required', basePath: before.path, headPath: after.path });
  },
};

export const requestContentTypeChanged: Rule<OperationPair> = {
  name: 'request-content-type-changed',
  title: 'A request media type is no longer accepted (ERROR: clients still send it); a new one is INFO.',
  check(pair, emit) {
    const base = requestBodyOf(pair.base);
    const head = requestBodyOf(pair.head);
    if (!base || !head) return;
    const before = mediaTypesOf(base.value.content, base.path);
    const after = mediaTypesOf(head.value.content, head.path);
    for (const [key, media] of before) {
      if (!after.has(key)) emit({ severity: 'ERROR', where: `request body ${media.name}`, message: `${media.name} is no longer accepted (HEAD accepts ${[...after.values()].map((m) => m.name).join(', ') || 'nothing'})`, basePath: media.path, headPath: head.path });
    }
    for (const [key, media] of after) {
      if (!before.has(key)) emit({ severity: 'INFO', where: `request body ${media.name}`, message: `${media.name} is now accepted too`, basePath: base.path, headPath: media.path });
    }
  },
};
