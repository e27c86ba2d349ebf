import { realClient } from './basis';
import { failure, truncate, type Check } from './types';

/** Leaked internals: an HTML error page, a JavaScript/Python/Java stack trace. */
const LEAK = /<!doctype|<html|\n\s+at .+:\d+:\d+|Traceback \(most recent call last\)|\bat [\w$.]+\([\w$]+\.java:\d+\)/i;

export const noStackTrace: Check = {
  name: 'no_stack_trace',
  title: 'Error bodies leak no stack trace or HTML page',
  requirement: 'An error body is the JSON errorDescription a client reads, never an HTML page or a stack trace of the server (real-clients 19).',
  strength: 'SHOULD',
  basis: [realClient(19)],
  appliesTo: (exchange) => exchange.response !== undefined && exchange.response.status >= 400,
  run(exchange) {
    const response = exchange.response!;
    // Look in the decoded strings too: inside JSON a stack trace's newlines are escaped.
    const decoded = response.body.kind === 'json' ? JSON.stringify(response.body.value, null, 1).replace(/\\n/g, '\n') : '';
    if (!LEAK.test(response.bodyText) && !LEAK.test(decoded)) return undefined;
    return failure(this, exchange, 'no stack trace or HTML', truncate(response.bodyText));
  },
};
