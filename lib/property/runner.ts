import fc from 'fast-check';
import { truncate, type Failure } from '../checks/types';
import { PreconditionError, ScenarioContext, SetupError } from '../scenario/context';
import { isGating, setupFailure, unmetNeed } from '../scenario/runner';
import { readShardResults } from '../report/results';
import type { ScenarioResult } from '../scenario/types';
import type { Target } from '../target/target';
import { propertyId, type PropertySpec } from './types';

export interface PropertyRunOptions {
  seed: number;
  numRuns: number;
  /** fast-check's replay path of a counterexample (FC_PATH). */
  path?: string;
  /** false: stop at the first counterexample (the fault matrix needs detection, not the smallest input). */
  shrink?: boolean;
}

export interface PropertyResult extends ScenarioResult {
  seed: number;
  counterexamplePath?: string;
  /** fc.commands' own replay path of a shrunk command sequence (the stateful model). */
  commandsReplayPath?: string;
  counterexample?: string;
  runs: number;
  /** Why the counterexample is not shrunk further (a budget hit, or a check its operation failed already). */
  shrinkNote?: string;
}

/** fast-check replays a shrunk command sequence only when fc.commands gets its replayPath back. */
export const COMMANDS_REPLAY_VARIABLE = 'FC_COMMANDS_REPLAY_PATH';
export const commandsReplayPath = (): string | undefined => process.env[COMMANDS_REPLAY_VARIABLE] || undefined;
const REPLAY_PATH_COMMENT = /\s*\/\*replayPath="([^"]*)"\*\//;


/** After the first counterexample: at most this many further runs and seconds of shrinking. */
export const SHRINK_BUDGET = { runs: 40, seconds: 3 };

/**
 * Bounds shrinking in requests and time: against a server that fails everything, an unbounded shrink is
 * most of the run. A property whose operation already failed the same checks in this run (the results
 * recorded so far) is not shrunk at all: it would only say again what is known.
 */
class ShrinkBudget {
  private firstFailureAt?: number;
  private runsAfterFailure = 0;
  private stopped?: string;

  constructor(
    private readonly operationId: string,
    private readonly target: Target,
  ) {}

  allows(): boolean {
    if (this.stopped) return false;
    if (this.firstFailureAt === undefined) return true;
    const seconds = (performance.now() - this.firstFailureAt) / 1000;
    if (this.runsAfterFailure >= SHRINK_BUDGET.runs || seconds >= SHRINK_BUDGET.seconds) {
      this.stopped = `shrinking stopped by its budget after ${this.runsAfterFailure} runs and ${seconds.toFixed(1)} s (at most ${SHRINK_BUDGET.runs} runs, ${SHRINK_BUDGET.seconds} s)`;
      return false;
    }
    this.runsAfterFailure++;
    return true;
  }

  failed(gating: Failure[]): void {
    if (this.firstFailureAt !== undefined) return;
    this.firstFailureAt = performance.now();
    const checks = [...new Set(gating.map((failure) => failure.check))];
    const known = readShardResults(this.target.config.runId).filter((result) => result.operationId === this.operationId).flatMap((result) => result.gatingChecks);
    if (checks.length > 0 && checks.every((check) => known.includes(check))) {
      this.stopped = `not shrunk: ${this.operationId} already failed ${checks.join(', ')} in this run`;
    }
  }

  note(): string | undefined {
    return this.stopped;
  }
}

// The command line derives the seed without loading the property machinery.
export { derivedSeed } from './seed';

export async function runProperty(spec: PropertySpec, target: Target, options: PropertyRunOptions): Promise<PropertyResult> {
  const started = performance.now();
  const base = { id: propertyId(spec), operationId: spec.operationId, status: 'undocumented' as const, title: spec.invariant, strength: spec.strength ?? 'MUST', seed: options.seed };
  const unmet = unmetNeed(spec.needs, target);
  const empty = { failures: [], gating: [], observedStatuses: [], exchanges: [], runs: 0 };
  if (unmet) return { ...base, ...empty, verdict: 'precondition', preconditionReason: unmet, durationMs: 0 };

  let smallest: ScenarioContext | undefined;
  let precondition: string | undefined;
  let runs = 0;
  let preconditionRuns = 0;
  const observed = new Set<number>();
  const throttledBefore = target.http.throttled;
  const newContext = () => new ScenarioContext(target, spec.operationId, base.strength, spec.basis);
  const setupContext = newContext();
  let arbitrary: fc.Arbitrary<unknown>;
  try {
    arbitrary = await spec.arbitrary(setupContext);
  } catch (error) {
    if (error instanceof PreconditionError) return { ...base, ...empty, verdict: 'precondition', preconditionReason: error.message, durationMs: 0 };
    if (!(error instanceof SetupError)) throw error;
    // The generator's own setup (a login, a session) failed: a finding of the property, like a scenario's.
    const failures = [...setupContext.failures, setupFailure(setupContext, error.message, setupContext.exchanges.at(-1))];
    const gating = failures.filter((failure) => isGating(failure, target.config.strictClients));
    return { ...base, ...empty, failures, gating, exchanges: setupContext.exchanges, verdict: gating.length > 0 ? 'fail' : 'pass', durationMs: performance.now() - started };
  }
  const shrink = new ShrinkBudget(spec.operationId, target);
  const property = fc.asyncProperty(arbitrary, async (input) => {
    // Budget spent: every further candidate "passes" without a request, so fast-check keeps the last failure.
    if (!shrink.allows()) return true;
    runs++;
    const t = newContext();
    try {
      await spec.run(t, input);
    } catch (error) {
      if (error instanceof PreconditionError) {
        precondition = error.message;
        preconditionRuns++;
        return true;
      }
      if (!(error instanceof SetupError)) throw error;
      t.failures.push(setupFailure(t, error.message, t.exchanges.at(-1)));
    }
    for (const exchange of t.exchanges) if (exchange.response && exchange.operation?.operationId === spec.operationId) observed.add(exchange.response.status);
    if (t.failures.some((failure) => isGating(failure, target.config.strictClients))) {
      smallest = t; // fast-check tries smaller inputs after a failure: the last failing run is the shrunk one
      shrink.failed(t.failures.filter((failure) => isGating(failure, target.config.strictClients)));
      return false;
    }
    return true;
  });
  const details = await fc.check(property, { seed: options.seed, numRuns: options.numRuns, path: options.path, endOnFailure: options.shrink === false });
  const failures: Failure[] = details.failed ? (smallest?.failures ?? []) : [];
  if (details.failed && failures.length === 0 && details.errorInstance) throw details.errorInstance;
  const gating = failures.filter((failure) => isGating(failure, target.config.strictClients));
  return {
    ...base,
    // Runs that could not be made prove nothing: if none could, the verdict is PRECONDITION, not pass.
    verdict: gating.length > 0 ? 'fail' : runs > 0 && preconditionRuns === runs ? 'precondition' : 'pass',
    failures,
    gating,
    preconditionReason: precondition,
    observedStatuses: [...observed],
    exchanges: smallest?.exchanges ?? [],
    throttled: target.http.throttled - throttledBefore,
    durationMs: performance.now() - started,
    counterexamplePath: details.counterexamplePath ?? undefined,
    ...describeCounterexample(details.counterexample?.[0]),
    shrinkNote: details.failed ? shrink.note() : undefined,
    runs,
  };
}

/** The shrunk input as a reader wants it (fast-check's replay comment taken out and kept for the replay line). */
function describeCounterexample(input: unknown): Pick<PropertyResult, 'counterexample' | 'commandsReplayPath'> {
  if (input === undefined) return {};
  const text = fc.stringify(input);
  return { counterexample: truncate(text.replace(REPLAY_PATH_COMMENT, ''), 600), commandsReplayPath: REPLAY_PATH_COMMENT.exec(text)?.[1] };
}
