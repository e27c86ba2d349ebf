import type { RecordedRequest } from './exchange';
import { redactor } from './redact';

const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

/** A copy-pasteable curl line for a request, with every secret redacted. */
export function curlLine(request: RecordedRequest): string {
  const parts = ['curl', '-i', '-X', request.method.toUpperCase(), shellQuote(request.url)];
  for (const [name, value] of Object.entries(redactor.redactHeaders(request.headers))) {
    parts.push('-H', shellQuote(`${name}: ${value}`));
  }
  if (request.body !== undefined) parts.push('--data-raw', shellQuote(redactor.redactText(request.body)));
  return redactor.redactText(parts.join(' '));
}
