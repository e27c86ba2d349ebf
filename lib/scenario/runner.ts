import type { Failure } from '../checks/types';
import type { Target } from '../target/target';
import { PreconditionError, ScenarioContext, SetupError } from './context';
import { boundedStrength, type Basis } from '../checks/basis';
import type { Exchange } from '../http/exchange';
import { scenarioBasis, scenarioId, type Need, type ScenarioResult, type ScenarioSpec } from './types';

/**
 * The attempts of one test (CONSOLE_RETRIES re-runs a failing one): a re-run that cannot be made — its data used
 * up by the failed attempt, a quota, a review — proves nothing, so the failed attempt stands instead of a "flaky" pass.
 */
export function attempts<T extends Pick<ScenarioResult, 'verdict'>>(): (result: T) => T {
  let failed: T | undefined;
  return (result) => {
    if (result.verdict === 'precondition' && failed) return failed;
    if (result.verdict === 'fail') failed = result;
    return result;
  };
}

/** Why the profile or the run settings cannot serve a scenario's needs, or undefined when they can. */
export function unmetNeed(needs: Need[] | undefined, target: Pick<Target, 'profile' | 'writesAllowed'>): string | undefined {
  const { profile } = target;
  for (const need of needs ?? []) {
    const missing =
      need === 'secondUser' ? profile.users.length < 2 :
      need === 'userWithoutLicences' ? !profile.userWithoutLicences :
      need === 'userWithFewLicences' ? !profile.userWithFewLicences :
      need === 'licenseKey' ? profile.licenseKeys.length === 0 :
      need === 'officialApp' ? !profile.officialApp :
      need === 'unofficialApp' ? !profile.unofficialApp :
      need === 'twoStores' ? profile.storeIds.length < 2 :
      !target.writesAllowed;
    if (missing) return need === 'writes' ? 'writes are not allowed on this target (--allow-writes)' : `the profile lacks ${need}`;
  }
  return undefined;
}

/** A step the test depends on failed: a finding of the test's own strength and basis. */
export const setupFailure = (context: ScenarioContext, message: string, exchange?: Exchange): Failure => ({
  check: 'setup',
  operationId: context.operationId,
  strength: boundedStrength(context.strength, context.basis),
  requirement: 'The steps this test depends on work.',
  basis: context.basis as Basis[],
  expected: 'a working setup',
  actual: message,
  exchange,
});

export const isGating = (failure: Failure, strictClients: boolean): boolean =>
  failure.strength === 'MUST' || (failure.strength === 'SHOULD' && strictClients);

export async function runScenario(spec: ScenarioSpec, target: Target): Promise<ScenarioResult> {
  const started = performance.now();
  const context = new ScenarioContext(target, spec.operationId, spec.strength ?? 'MUST', scenarioBasis(spec));
  const throttledBefore = target.http.throttled;
  let preconditionReason = unmetNeed(spec.needs, target);
  if (!preconditionReason) {
    try {
      await spec.run(context);
    } catch (error) {
      if (error instanceof PreconditionError) preconditionReason = error.message;
      else if (error instanceof SetupError) context.failures.push(setupFailure(context, error.message, context.exchanges.at(-1)));
      else throw error;
    }
  }
  const gating = context.failures.filter((failure) => isGating(failure, target.config.strictClients));
  return {
    id: scenarioId(spec),
    operationId: spec.operationId,
    status: spec.status,
    title: spec.title,
    strength: spec.strength ?? 'MUST',
    verdict: preconditionReason && context.failures.length === 0 ? 'precondition' : gating.length > 0 ? 'fail' : 'pass',
    failures: context.failures,
    gating,
    preconditionReason,
    observedStatuses: [
      ...new Set(context.exchanges.flatMap((exchange) => (exchange.response && exchange.operation?.operationId === spec.operationId ? [exchange.response.status] : []))),
    ],
    exchanges: context.exchanges,
    throttled: target.http.throttled - throttledBefore,
    durationMs: performance.now() - started,
  };
}
