import { cap, type Failure } from '../checks/types';
import { curlLine } from '../http/curl';
import { redactor } from '../http/redact';

/** A failure as h2spec prints one: requirement, Expected, Actual, then a copy-pasteable redacted curl. */
export function renderFailure(failure: Failure): string {
  const lines = [
    `[${failure.check}] ${failure.strength} ${failure.operationId}${failure.status !== undefined ? ` (HTTP ${failure.status})` : ''}`,
    `  requirement: ${failure.requirement}`,
    `  basis:    ${failure.basis.length > 0 ? failure.basis.join('; ') : '(none)'}`,
    `  Expected: ${cap(failure.expected)}`,
    `  Actual:   ${cap(failure.actual)}`,
  ];
  if (failure.exchange) lines.push(`  ${curlLine(failure.exchange.request)}`);
  return redactor.redactText(lines.join('\n'));
}

export const renderFailures = (failures: Failure[]): string => failures.map(renderFailure).join('\n\n');
