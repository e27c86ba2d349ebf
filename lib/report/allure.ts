import * as allure from 'allure-js-commons';
import { ContentType } from 'allure-js-commons';
import type { Exchange } from '../http/exchange';
import { curlLine } from '../http/curl';
import { redactor } from '../http/redact';
import { renderFailures } from '../scenario/render';
import type { ScenarioResult } from '../scenario/types';
import { contractIndex } from '../spec/contract';
import { ContractAssertionError, OUTCOME_GLOBAL, type Outcome } from './outcome';

/** Attachments are read by people: past this many characters a body is cut (and then no longer JSON). */
export const MAX_ATTACHMENT_CHARS = 16_000;

export interface Attachment {
  name: string;
  content: string;
  type: ContentType.JSON | ContentType.TEXT;
}

const cap = (text: string): string =>
  text.length > MAX_ATTACHMENT_CHARS ? `${text.slice(0, MAX_ATTACHMENT_CHARS)}\n… cut at ${MAX_ATTACHMENT_CHARS} of ${text.length} characters` : text;

/** A JSON body pretty-printed, redacted field by field; anything else as text. */
function bodyAttachment(name: string, text: string | undefined): Attachment | undefined {
  if (text === undefined || text === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { name, content: cap(redactor.redactText(text)), type: ContentType.TEXT };
  }
  const pretty = redactor.redactText(JSON.stringify(redactor.redactDeep(value), null, 2));
  return pretty.length > MAX_ATTACHMENT_CHARS ? { name, content: cap(pretty), type: ContentType.TEXT } : { name, content: pretty, type: ContentType.JSON };
}

const headerLines = (headers: Record<string, string>): string[] => Object.entries(redactor.redactHeaders(headers)).map(([name, value]) => `${name}: ${value}`);

/** An exchange as attached to its step: request and response heads, their bodies, the curl line; all redacted. */
export function exchangeAttachments(exchange: Exchange): Attachment[] {
  const { request, response } = exchange;
  const head = (name: string, lines: string[]): Attachment => ({ name, content: cap(redactor.redactText(lines.join('\n'))), type: ContentType.TEXT });
  return [
    head('request', [`${request.method.toUpperCase()} ${request.url}`, ...headerLines(request.headers)]),
    bodyAttachment('request body', request.body),
    response
      ? head('response', [`HTTP ${response.status} ${response.statusText} (${Math.round(response.durationMs)} ms, ${response.bodyBytes} bytes)`, ...headerLines(response.headers)])
      : head('response', [`no response: ${exchange.error?.kind ?? 'unknown'}: ${exchange.error?.message ?? ''}`]),
    bodyAttachment('response body', response?.bodyText),
    head('curl', [curlLine(request)]),
  ].filter((attachment): attachment is Attachment => attachment !== undefined);
}

/** One step per exchange; the step of an exchange that broke a check fails, with the findings as its message. */
async function exchangeStep(exchange: Exchange, findings: string | undefined): Promise<void> {
  const outcome = exchange.response ? String(exchange.response.status) : (exchange.error?.kind ?? 'no response');
  try {
    await allure.step(`${exchange.request.method.toUpperCase()} ${redactor.redactText(exchange.request.path)} → ${outcome}`, async () => {
      for (const attachment of exchangeAttachments(exchange)) await allure.attachment(attachment.name, attachment.content, attachment.type);
      // allure.step sets a step's status only from what its body throws.
      if (findings) throw new ContractAssertionError(findings);
    });
  } catch (error) {
    if (!(error instanceof ContractAssertionError)) throw error;
  }
}

/**
 * Labels (epic = API title, feature = tag, story = METHOD /path, operationId, status, check, strength, finding),
 * one step per exchange, and the outcome for the environment to apply. A no-op outside allure-jest.
 */
export async function reportToAllure(result: ScenarioResult, outcome: Outcome): Promise<void> {
  const index = contractIndex();
  const operation = index.operation(result.operationId);
  await allure.epic(index.title);
  await allure.feature(operation.tag);
  await allure.story(`${operation.method.toUpperCase()} ${operation.pathTemplate}`);
  await allure.label('operationId', result.operationId);
  await allure.label('status', String(result.status));
  await allure.label('strength', result.strength);
  await allure.label('finding', outcome.finding);
  for (const check of new Set(result.failures.map((failure) => failure.check))) await allure.label('check', check);
  for (const exchange of result.exchanges) {
    const findings = result.failures.filter((failure) => failure.exchange === exchange);
    await exchangeStep(exchange, findings.length > 0 ? renderFailures(findings) : undefined);
  }
  (globalThis as Record<string, unknown>)[OUTCOME_GLOBAL] = outcome;
}
