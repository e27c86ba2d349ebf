/**
 * What a conformance run knows while it runs, shared by the jest environment (tests done, stops), the
 * target's HTTP client (exchanges) and the command line (progress, stall notice, breaker line). Jest gives
 * every test file its own globals, so the one instance lives on the process's own globalThis and the
 * environment hands it to each file's globals under the same key.
 */
export const MONITOR_KEY = Symbol.for('flecs-console-conformance.run-monitor');

/** The breaker: this many exchanges in a row without a usable answer (no response, or 5xx)… */
export const BREAKER_EXCHANGES = 40;
/** …spread over at least this many operations, i.e. not one broken operation but a broken target. */
export const BREAKER_OPERATIONS = 3;

export interface ExchangeOutcome {
  operationId?: string;
  /** The HTTP status, or undefined when no response came (transport failure). */
  status?: number;
}

export class RunMonitor {
  exchanges = 0;
  testsDone = 0;
  failedTests = 0;
  /** performance.now() of the last HTTP response (a timeout or a reset is none). */
  lastResponseAt = performance.now();
  /** Why the remaining tests are skipped: --max-failures reached, or the breaker. */
  stopReason?: string;
  /** Set when the breaker stopped the run: the target is unusable, exit 1. */
  breakerTripped = false;
  private badRun = 0;
  private readonly badOperations = new Set<string>();

  constructor(readonly maxFailures = 0) {}

  exchange(outcome: ExchangeOutcome): void {
    this.exchanges++;
    if (outcome.status !== undefined) this.lastResponseAt = performance.now();
    if (outcome.status !== undefined && outcome.status < 500) {
      this.badRun = 0;
      this.badOperations.clear();
      return;
    }
    this.badRun++;
    this.badOperations.add(outcome.operationId ?? '(no operation)');
    if (!this.stopReason && this.badRun >= BREAKER_EXCHANGES && this.badOperations.size >= BREAKER_OPERATIONS) {
      this.breakerTripped = true;
      this.stopReason = `the last ${this.badRun} requests, to ${this.badOperations.size} operations, got no response or a 5xx: the target is unusable, the remaining tests are skipped`;
    }
  }

  /** A test ended for good (after its retries). */
  testDone(failed: boolean): void {
    this.testsDone++;
    if (!failed) return;
    this.failedTests++;
    if (!this.stopReason && this.maxFailures > 0 && this.failedTests >= this.maxFailures) {
      this.stopReason = `${this.failedTests} failed test${this.failedTests === 1 ? '' : 's'} (--max-failures ${this.maxFailures}): the remaining tests are skipped`;
    }
  }

  /** Seconds since the target last answered anything. */
  quietSeconds(): number {
    return (performance.now() - this.lastResponseAt) / 1000;
  }
}

type MonitorHolder = { [MONITOR_KEY]?: RunMonitor };

/** The run's monitor: in a jest test file, the one its environment handed over; elsewhere the process's own. */
export function runMonitor(): RunMonitor | undefined {
  return (globalThis as MonitorHolder)[MONITOR_KEY];
}

/** Creates the process's monitor (the command line does, before jest starts; the environment if nobody did). */
export function startMonitor(maxFailures: number): RunMonitor {
  const holder = globalThis as MonitorHolder;
  holder[MONITOR_KEY] ??= new RunMonitor(maxFailures);
  return holder[MONITOR_KEY];
}
