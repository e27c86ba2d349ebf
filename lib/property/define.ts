import { redactor } from '../http/redact';
import { settle } from '../report/settle';
import { renderFailures } from '../scenario/render';
import { contractIndex } from '../spec/contract';
import { currentTarget, releaseCurrentTarget } from '../target/target';
import { isCollecting, registrationPrecondition } from '../scenario/define';
import { attempts } from '../scenario/runner';
import { replayLine } from '../report/replay';
import { COMMANDS_REPLAY_VARIABLE, derivedSeed, runProperty, type PropertyResult } from './runner';
import { propertyId, type PropertySpec } from './types';

const properties: PropertySpec[] = [];
export const definedProperties = (): readonly PropertySpec[] => properties;

/** The one command that replays a failing property exactly (a command sequence needs its own replay path too). */
export const replayCommand = (result: PropertyResult): string =>
  replayLine(result.id, { FC_SEED: String(result.seed), FC_PATH: result.counterexamplePath, [COMMANDS_REPLAY_VARIABLE]: result.commandsReplayPath });

export function renderPropertyFailure(result: PropertyResult): string {
  return redactor.redactText(
    [
      `property failed after ${result.runs} runs (seed ${result.seed}); shrunk input: ${result.counterexample ?? '(none)'}${result.shrinkNote ? ` (${result.shrinkNote})` : ''}`,
      `replay: ${replayCommand(result)}`,
      '',
      renderFailures(result.gating),
    ].join('\n'),
  );
}

function registerWithJest(spec: PropertySpec): void {
  afterAll(releaseCurrentTarget);
  const unmet = registrationPrecondition(spec.needs);
  if (unmet) {
    test.skip(`${propertyId(spec)} [PRECONDITION: ${unmet}]`, () => undefined);
    return;
  }
  const attempt = attempts<PropertyResult>();
  test(propertyId(spec), async () => {
    const target = await currentTarget();
    const seed = target.config.seed ?? derivedSeed();
    const result = attempt(await runProperty(spec, target, { seed, numRuns: target.config.propertyRuns, path: process.env.FC_PATH || undefined }));
    await settle(result, target, (settled) => renderPropertyFailure(settled as PropertyResult), replayCommand(result));
  }, 120_000);
}

/** One property per file (properties/<operationId>.<invariant>.prop.test.ts). */
export function defineProperty<Input>(spec: PropertySpec<Input>): PropertySpec<Input> {
  contractIndex().operation(spec.operationId);
  properties.push(spec as PropertySpec);
  if (!isCollecting() && typeof test === 'function') registerWithJest(spec as PropertySpec);
  return spec;
}
