import { contractPointer, erratumBasis, realClient } from './basis';
import { isReasonPhrase, reasonPhrases } from './reason-phrases';
import { failure, truncate, type Check } from './types';
import { policyActive } from '../spec/errata';

export const errorBodyConsistency: Check = {
  name: 'error_body_consistency',
  title: 'Error bodies are errorDescription with a matching statusCode and statusText',
  requirement:
    'Every 4xx/5xx body is the JSON object errorDescription {reason, statusCode, statusText}: statusCode equals the HTTP status, statusText is a standard phrase of it, reason a non-empty string (real clients: CPP requires all three).',
  strength: 'MUST',
  basis: [contractPointer('components', 'schemas', 'errorDescription'), erratumBasis('undocumented-4xx'), erratumBasis('status-code-mirrors-http-status'), realClient(19)],
  // A response to HEAD has no content (RFC 9110 §9.3.2), so there is no error body to check.
  appliesTo: (exchange) => exchange.response !== undefined && exchange.response.status >= 400 && exchange.request.method !== 'HEAD',
  run(exchange, { contract }) {
    const response = exchange.response!;
    if (response.body.kind !== 'json' || response.body.value === null || typeof response.body.value !== 'object' || Array.isArray(response.body.value)) {
      return failure(this, exchange, 'a JSON object {reason, statusCode, statusText}', truncate(response.bodyText || '(empty body)'));
    }
    const body = response.body.value as Record<string, unknown>;
    const problems: string[] = [];
    if (policyActive('status-code-mirrors-http-status', contract.strict)) {
      if (body.statusCode !== response.status) problems.push(`statusCode ${JSON.stringify(body.statusCode)} (HTTP status ${response.status})`);
      if (!isReasonPhrase(response.status, body.statusText)) {
        problems.push(`statusText ${truncate(JSON.stringify(body.statusText) ?? 'absent', 80)} (a standard phrase: ${reasonPhrases(response.status).map((p) => `"${p}"`).join(' or ')})`);
      }
    }
    // Erratum manifests-404-no-reason: where the documented schema has no reason, none is demanded.
    const schema = exchange.operation ? contract.responseSchema(exchange.operation.operationId, response.status) : undefined;
    const reasonDocumented = !schema || schema.properties?.reason !== undefined;
    if (reasonDocumented && (typeof body.reason !== 'string' || body.reason.trim() === '')) {
      problems.push(`reason ${truncate(JSON.stringify(body.reason) ?? 'absent', 80)} (a non-empty string)`);
    }
    if (problems.length === 0) return undefined;
    return failure(this, exchange, 'statusCode equal to the HTTP status, statusText a standard phrase of it, a non-empty reason', problems.join('; '));
  },
};
