import { cap } from '../checks/types';
import type { RecordedRequest } from './exchange';
import { redactor } from './redact';

const CURL_BODY_CAP = 1000;
const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

/** A copy-pasteable curl line for a request, with every secret redacted. */
export function curlLine(request: RecordedRequest): string {
  const method = request.method.toUpperCase();
  // `-X HEAD` would make curl wait for a body that never comes; -I sends HEAD and expects none.
  const parts = method === 'HEAD' ? ['curl', '-I', shellQuote(request.url)] : ['curl', '-i', '-X', method, shellQuote(request.url)];
  for (const [name, value] of Object.entries(redactor.redactHeaders(request.headers))) {
    parts.push('-H', shellQuote(`${name}: ${value}`));
  }
  // A body too long to print is replaced by its shape: the line stays copy-pasteable, the whole body is in Allure.
  if (request.body !== undefined) parts.push('--data-raw', shellQuote(request.body.length > CURL_BODY_CAP ? cap(redactor.redactText(request.body), CURL_BODY_CAP) : redactor.redactText(request.body)));
  return redactor.redactText(parts.join(' '));
}
