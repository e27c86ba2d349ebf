import { exchangeCoverage } from '../report/coverage-record';
import { checkExchange, EXCHANGE_CHECKS, type Failure } from '../checks';
import type { Exchange } from '../http/exchange';
import { redactor } from '../http/redact';
import { isGating } from '../scenario/runner';
import { renderFailures } from '../scenario/render';
import { scenarioId, type ScenarioResult } from '../scenario/types';
import type { CompiledContract } from '../spec/compiled';
import { describeRef, entryToExchange, type TrafficRef } from './entry';

/** What a recording without the body (or with one over the cap) can still be checked by: nothing here reads a body. */
const BODYLESS_CHECKS = EXCHANGE_CHECKS.filter((check) =>
  ['complete_response', 'not_a_server_error', 'status_code_conformance', 'response_headers_conformance'].includes(check.name),
);

/** Exchanges kept in full per group and check (for the failure text and Allure); the rest are counted. */
const KEPT_PER_CHECK = 5;
/** Exchanges without findings kept per group, so the Allure test shows what passed. */
const KEPT_CLEAN = 3;
/** Bodies kept for the report are cut here (the Allure attachment cuts at 20,000 too). */
const KEPT_BODY_CHARS = 8_000;
/** Distinct requests listed per kind (unmatched, without response, malformed); the rest are counted. */
const LISTED = 200;
const PRINTED = 20;

/** One jest test of a recorded-traffic run: an operation × a status seen (serialisable, already redacted). */
export interface TrafficGroup {
  operationId: string;
  status: number | 'undocumented';
  title: string;
  exchanges: number;
  observedStatuses: number[];
  failures: Failure[];
  samples: Exchange[];
  /** Exchanges with findings beyond the kept ones, by check. */
  omitted: Record<string, number>;
  /** Exchanges whose body was not in the recording: checked without the body checks. */
  withoutBody: number;
  durationMs: number;
}

interface Listing {
  count: number;
  first: TrafficRef;
  detail: string;
}

const cut = (text: string | undefined): string | undefined => (text !== undefined && text.length > KEPT_BODY_CHARS ? `${text.slice(0, KEPT_BODY_CHARS)}… (${text.length} chars)` : text);

/** A copy small enough to keep: bodies cut, the parsed body dropped (the checks are done with it). */
function slim(exchange: Exchange): Exchange {
  return {
    ...exchange,
    request: { ...exchange.request, body: cut(exchange.request.body) },
    response: exchange.response && { ...exchange.response, bodyText: cut(exchange.response.bodyText)!, body: { kind: 'none' } },
  };
}

/**
 * Recorded traffic (HAR entries, the proxy's exchanges) checked with the exchange checks of a scenario run and
 * grouped by operation × status. Memory stays bounded whatever the traffic's size: only the first exchanges of
 * each group and check are kept, and only their secrets are learned (the rest are counted).
 */
export class TrafficCheck {
  private readonly groups = new Map<string, TrafficGroup>();
  private readonly keptPerCheck = new Map<string, number>();
  private readonly lists = { unmatched: new Map<string, Listing>(), unanswered: new Map<string, Listing>(), malformed: new Map<string, Listing>() };
  private readonly overflow = { unmatched: 0, unanswered: 0, malformed: 0 };
  private sequence = 0;
  checked = 0;
  /** The contract items the traffic covered (lib/report/coverage-record.ts). */
  readonly covered = new Set<string>();
  /** Every finding, kept or not, by `operationId status check`. */
  readonly findingCounts = new Map<string, number>();

  constructor(readonly contract: CompiledContract) {}

  /** One HAR entry: checked, or listed as unmatched, without a response, or malformed. */
  addEntry(entry: unknown, ref: TrafficRef): void {
    const converted = entryToExchange(entry as never, ++this.sequence);
    if (converted.kind === 'exchange') this.addExchange(converted.exchange, ref, converted.bodyRecorded);
    else if (converted.kind === 'unmatched') this.list('unmatched', `${converted.method} ${converted.path}`, ref, '');
    else if (converted.kind === 'no-response') this.list('unanswered', `${converted.method} ${converted.path}`, ref, converted.reason);
    else this.list('malformed', converted.reason, ref, '');
  }

  /** An exchange addressed to an operation; returns its findings (the proxy prints them as they come). */
  addExchange(exchange: Exchange, ref: TrafficRef, bodyRecorded = true): Failure[] {
    const failures = checkExchange(exchange, { contract: this.contract }, bodyRecorded ? EXCHANGE_CHECKS : BODYLESS_CHECKS);
    const group = this.groupOf(exchange);
    this.checked++;
    for (const key of exchangeCoverage(exchange, this.contract)) this.covered.add(key);
    for (const failure of failures) {
      const key = `${failure.operationId} ${failure.status ?? 'none'} ${failure.check}`;
      this.findingCounts.set(key, (this.findingCounts.get(key) ?? 0) + 1);
    }
    group.exchanges++;
    group.durationMs += exchange.response?.durationMs ?? 0;
    if (exchange.response && !group.observedStatuses.includes(exchange.response.status)) group.observedStatuses.push(exchange.response.status);
    if (!bodyRecorded && exchange.response) group.withoutBody++;
    const key = (check: string) => `${group.operationId} ${group.status} ${group.title} ${check}`;
    // Kept when some check of it is still under its cap, so every check found is shown (and gates) at least once.
    const keep = failures.length > 0 ? failures.some((failure) => (this.keptPerCheck.get(key(failure.check)) ?? 0) < KEPT_PER_CHECK) : group.samples.length < KEPT_CLEAN;
    if (!keep) {
      for (const failure of failures) group.omitted[failure.check] = (group.omitted[failure.check] ?? 0) + 1;
      return failures;
    }
    redactor.learnFromExchange(exchange);
    const kept = slim(exchange);
    group.samples.push(kept);
    for (const failure of failures) {
      this.keptPerCheck.set(key(failure.check), (this.keptPerCheck.get(key(failure.check)) ?? 0) + 1);
      group.failures.push({ ...failure, actual: `${failure.actual}\n  ${describeRef(ref)}`, exchange: kept });
    }
    return failures;
  }

  /** A request the proxy forwarded that addresses no operation. */
  addUnmatched(method: string, path: string, ref: TrafficRef): void {
    this.list('unmatched', `${method} ${path.split('?', 1)[0]}`, ref, '');
  }

  private groupOf(exchange: Exchange): TrafficGroup {
    const operation = exchange.operation!;
    const status = exchange.response?.status;
    const documented = status !== undefined && operation.statuses.includes(status);
    const title = status === undefined ? 'recorded traffic, no complete response' : documented ? 'recorded traffic' : `recorded traffic, HTTP ${status}`;
    const id = `${operation.operationId} ${status ?? 'none'}`;
    let group = this.groups.get(id);
    if (!group) {
      group = { operationId: operation.operationId, status: documented ? status : 'undocumented', title, exchanges: 0, observedStatuses: [], failures: [], samples: [], omitted: {}, withoutBody: 0, durationMs: 0 };
      this.groups.set(id, group);
    }
    return group;
  }

  private list(kind: keyof TrafficCheck['lists'], what: string, ref: TrafficRef, detail: string): void {
    const listing = this.lists[kind].get(what);
    if (listing) listing.count++;
    else if (this.lists[kind].size < LISTED) this.lists[kind].set(what, { count: 1, first: ref, detail });
    else this.overflow[kind]++;
  }

  /** The groups, sorted and redacted: what the jest run of the reports reads. */
  results(): TrafficGroup[] {
    const groups = [...this.groups.values()].sort((a, b) => a.operationId.localeCompare(b.operationId) || String(a.status).localeCompare(String(b.status)) || a.title.localeCompare(b.title));
    return redactor.redactDeep(groups);
  }

  /** What was not checked, listed (bounded, redacted) after the run. */
  summaryLines(): string[] {
    const lines: string[] = [];
    const section = (kind: keyof TrafficCheck['lists'], heading: string) => {
      const entries = [...this.lists[kind].entries()];
      const total = entries.reduce((sum, [, listing]) => sum + listing.count, 0) + this.overflow[kind];
      if (total === 0) return;
      lines.push(`${heading}: ${total}`);
      const printed = entries.slice(0, PRINTED);
      for (const [what, listing] of printed) lines.push(`  ${listing.count}× ${what}${listing.detail ? ` (${listing.detail})` : ''}; first: ${describeRef(listing.first)}`);
      const shown = printed.reduce((sum, [, listing]) => sum + listing.count, 0);
      if (total > shown) lines.push(`  … and ${total - shown} more`);
    };
    section('unmatched', 'Requests that match no operation of the contract (not checked)');
    section('unanswered', 'Entries without a response (not checked)');
    section('malformed', 'Entries that are not HAR requests (not checked)');
    const withoutBody = [...this.groups.values()].reduce((sum, group) => sum + group.withoutBody, 0);
    if (withoutBody > 0) lines.push(`Responses whose body the recording left out or that exceed the body cap: ${withoutBody} (checked by status and headers only)`);
    return lines.map((line) => redactor.redactText(line.length > 400 ? `${line.slice(0, 400)}…` : line));
  }
}

export const trafficTestId = (group: TrafficGroup): string => scenarioId(group);

/** A group as the ScenarioResult that settle() reports, gating as a scenario's findings gate. */
export function toScenarioResult(group: TrafficGroup, strictClients: boolean): ScenarioResult {
  const gating = group.failures.filter((failure) => isGating(failure, strictClients));
  return {
    id: trafficTestId(group),
    operationId: group.operationId,
    status: group.status,
    title: group.title,
    strength: 'MUST',
    verdict: gating.length > 0 ? 'fail' : 'pass',
    failures: group.failures,
    gating,
    observedStatuses: group.observedStatuses,
    exchanges: group.samples,
    durationMs: group.durationMs,
  };
}

/** The gating findings, and how many more exchanges had findings that are not shown. */
export function renderTrafficFailures(result: ScenarioResult, group: TrafficGroup): string {
  const omitted = Object.entries(group.omitted);
  const more = omitted.length === 0 ? '' : `\n\n… and more exchanges with the same findings, not shown: ${omitted.map(([check, count]) => `${check} ${count}×`).join(', ')}`;
  return `${group.exchanges} exchanges\n${renderFailures(result.gating)}${more}`;
}
