import * as allure from 'allure-js-commons';
import { curlLine } from '../http/curl';
import type { Exchange } from '../http/exchange';
import { redactor } from '../http/redact';
import type { ScenarioResult } from '../scenario/types';
import { contractIndex } from '../spec/contract';

/** An exchange as attached to the report: redacted request, response and curl line. */
export function renderExchange(exchange: Exchange): { request: string; response: string; curl: string } {
  const { request, response } = exchange;
  const redactBody = (text: string | undefined) => (text === undefined ? undefined : redactor.redactText(text.length > 20_000 ? `${text.slice(0, 20_000)}…` : text));
  return {
    request: JSON.stringify({ method: request.method, url: request.url, headers: redactor.redactHeaders(request.headers), body: redactBody(request.body) }, null, 2),
    response: JSON.stringify(
      response
        ? { status: response.status, headers: redactor.redactHeaders(response.headers), body: redactBody(response.bodyText), durationMs: Math.round(response.durationMs) }
        : { error: exchange.error },
      null,
      2,
    ),
    curl: curlLine(request),
  };
}

/**
 * Labels (epic = API title, feature = tag, story = METHOD /path, operationId, status, check, strength) and one
 * step per exchange with its redacted request, response and curl attached. A no-op outside allure-jest.
 */
export async function reportToAllure(result: ScenarioResult, verdictNote?: string): Promise<void> {
  const index = contractIndex();
  const operation = index.operation(result.operationId);
  await allure.epic(index.title);
  await allure.feature(operation.tag);
  await allure.story(`${operation.method.toUpperCase()} ${operation.pathTemplate}`);
  await allure.label('operationId', result.operationId);
  await allure.label('status', String(result.status));
  await allure.label('strength', result.strength);
  for (const check of new Set(result.failures.map((failure) => failure.check))) await allure.label('check', check);
  if (verdictNote) await allure.label('verdict', verdictNote);
  for (const exchange of result.exchanges) {
    const rendered = renderExchange(exchange);
    const outcome = exchange.response ? String(exchange.response.status) : (exchange.error?.kind ?? 'no response');
    await allure.step(`${exchange.request.method} ${redactor.redactText(exchange.request.path)} → ${outcome}`, async () => {
      await allure.attachment('request', rendered.request, 'application/json');
      await allure.attachment('response', rendered.response, 'application/json');
      await allure.attachment('curl', rendered.curl, 'text/plain');
    });
  }
}
