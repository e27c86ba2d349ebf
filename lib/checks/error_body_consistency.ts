import { STATUS_CODES } from 'node:http';
import { failure, truncate, type Check } from './types';

/** Leaked internals: an HTML error page, a JavaScript/Python/Java stack trace. */
const LEAK = /<!doctype|<html|\n\s+at .+:\d+:\d+|Traceback \(most recent call last\)|\bat [\w$.]+\([\w$]+\.java:\d+\)/i;

export const errorBodyConsistency: Check = {
  name: 'error_body_consistency',
  title: 'Error bodies are errorDescription with a matching statusCode and statusText',
  requirement:
    'Every 4xx/5xx body is JSON {reason, statusCode, statusText}: statusCode equals the HTTP status, statusText is its standard phrase, reason a non-empty string; no stack trace or HTML (real clients: CPP requires all three).',
  strength: 'MUST',
  appliesTo: (exchange) => exchange.response !== undefined && exchange.response.status >= 400,
  run(exchange, { contract }) {
    const response = exchange.response!;
    // Look in the decoded strings too: inside JSON a stack trace's newlines are escaped.
    const decoded = response.body.kind === 'json' ? JSON.stringify(response.body.value, null, 1).replace(/\\n/g, '\n') : '';
    if (LEAK.test(response.bodyText) || LEAK.test(decoded)) return failure(this, exchange, 'no stack trace or HTML', truncate(response.bodyText));
    if (response.body.kind !== 'json' || response.body.value === null || typeof response.body.value !== 'object' || Array.isArray(response.body.value)) {
      return failure(this, exchange, 'a JSON object {reason, statusCode, statusText}', truncate(response.bodyText || '(empty body)'));
    }
    const body = response.body.value as Record<string, unknown>;
    const problems: string[] = [];
    if (body.statusCode !== response.status) problems.push(`statusCode ${JSON.stringify(body.statusCode)} (HTTP status ${response.status})`);
    const phrase = STATUS_CODES[response.status] ?? '';
    if (typeof body.statusText !== 'string' || body.statusText.toLowerCase() !== phrase.toLowerCase()) {
      problems.push(`statusText ${JSON.stringify(body.statusText)} (standard phrase "${phrase}")`);
    }
    // Erratum manifests-404-no-reason: where the documented schema has no reason, none is demanded.
    const schema = exchange.operation ? contract.responseSchema(exchange.operation.operationId, response.status) : undefined;
    const reasonDocumented = !schema || schema.properties?.reason !== undefined;
    if (reasonDocumented && (typeof body.reason !== 'string' || body.reason.trim() === '')) {
      problems.push(`reason ${JSON.stringify(body.reason)} (a non-empty string)`);
    }
    if (problems.length === 0) return undefined;
    return failure(this, exchange, `statusCode ${response.status}, statusText "${phrase}", a non-empty reason`, problems.join('; '));
  },
};
