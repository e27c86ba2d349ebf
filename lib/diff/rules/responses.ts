import { headersOf, isSuccessStatus, matchedResponses, mediaTypesOf, responsesOf } from '../parts';
import type { OperationPair, Rule } from '../types';

export const responseStatusRemoved: Rule<OperationPair> = {
  name: 'response-status-removed',
  title: 'A documented 2xx/3xx is gone or renamed (ERROR: clients act on it); a 4xx/5xx/default is gone (WARNING).',
  check(pair, emit) {
    const before = responsesOf(pair.base);
    const after = responsesOf(pair.head);
    for (const [status, response] of before) {
      if (after.has(status)) continue;
      // A status of the same class that HEAD adds is most likely its new name.
      const renamed = [...after.keys()].filter((other) => !before.has(other) && other[0] === status[0]);
      const message = renamed.length > 0 ? `status ${status} removed; HEAD adds ${renamed.join(', ')} (renamed?)` : `status ${status} removed`;
      emit({ severity: isSuccessStatus(status) ? 'ERROR' : 'WARNING', where: `response ${status}`, message, basePath: response.path, headPath: `${pair.head.path}/responses` });
    }
  },
};

export const responseStatusAdded: Rule<OperationPair> = {
  name: 'response-status-added',
  title: 'A new 2xx/3xx: a client that handles only the documented ones may fail on it (WARNING); a new 4xx/5xx is INFO.',
  check(pair, emit) {
    const before = responsesOf(pair.base);
    for (const [status, response] of responsesOf(pair.head)) {
      if (before.has(status)) continue;
      emit({ severity: isSuccessStatus(status) ? 'WARNING' : 'INFO', where: `response ${status}`, message: `status ${status} added`, basePath: `${pair.base.path}/responses`, headPath: response.path });
    }
  },
};

export const responseContentTypeChanged: Rule<OperationPair> = {
  name: 'response-content-type-changed',
  title: 'A response media type or body is gone (ERROR: clients parse it); a new one, or a body on a bodiless status, may surprise them (WARNING).',
  check(pair, emit) {
    for (const [status, base, head] of matchedResponses(pair)) {
      const before = mediaTypesOf(base.value.content, base.path);
      const now = mediaTypesOf(head.value.content, head.path);
      for (const [key, media] of before) {
        if (now.has(key)) continue;
        const message = now.size === 0 ? `the ${media.name} body is gone (no content now)` : `${media.name} is gone (HEAD sends ${[...now.values()].map((m) => m.name).join(', ')})`;
        emit({ severity: 'ERROR', where: `response ${status} ${media.name}`, message, basePath: media.path, headPath: head.path });
      }
      for (const [key, media] of now) {
        if (before.has(key)) continue;
        const message = before.size === 0 ? `a ${media.name} body where there was none` : `${media.name} may be sent too`;
        emit({ severity: 'WARNING', where: `response ${status} ${media.name}`, message, basePath: base.path, headPath: media.path });
      }
    }
  },
};

export const responseHeaderRemoved: Rule<OperationPair> = {
  name: 'response-header-removed',
  title: 'A response header is gone: ERROR if it was required (clients read it), WARNING if optional.',
  check(pair, emit) {
    for (const [status, base, head] of matchedResponses(pair)) {
      const now = headersOf(head);
      for (const [key, header] of headersOf(base)) {
        if (now.has(key)) continue;
        const required = header.value.required === true;
        emit({ severity: required ? 'ERROR' : 'WARNING', where: `response ${status} header ${header.name}`, message: `${required ? 'required' : 'optional'} header removed`, basePath: header.path, headPath: head.path });
      }
    }
  },
};

export const responseHeaderRequiredChanged: Rule<OperationPair> = {
  name: 'response-header-required-changed',
  title: 'A required response header became optional (ERROR: clients rely on it); optional → required is INFO.',
  check(pair, emit) {
    for (const [status, base, head] of matchedResponses(pair)) {
      const now = headersOf(head);
      for (const [key, header] of headersOf(base)) {
        const twin = now.get(key);
        if (!twin || (header.value.required === true) === (twin.value.required === true)) continue;
        const required = twin.value.required === true;
        emit({ severity: required ? 'INFO' : 'ERROR', where: `response ${status} header ${twin.name}`, message: required ? 'became required' : 'is no longer required', basePath: header.path, headPath: twin.path });
      }
    }
  },
};

export const responseHeaderAdded: Rule<OperationPair> = {
  name: 'response-header-added',
  title: 'A new response header: existing clients ignore it.',
  check(pair, emit) {
    for (const [status, base, head] of matchedResponses(pair)) {
      const known = headersOf(base);
      for (const [key, header] of headersOf(head)) {
        if (!known.has(key)) emit({ severity: 'INFO', where: `response ${status} header ${header.name}`, message: `${header.value.required ? 'required' : 'optional'} header added`, basePath: base.path, headPath: header.path });
      }
    }
  },
};
