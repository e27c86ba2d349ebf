import { responseBasis, type Basis } from '../checks/basis';
import type { Failure, Strength } from '../checks/types';
import type { Exchange } from '../http/exchange';
import type { ScenarioContext } from './context';

/** What a scenario needs from the target profile; without it, it reports PRECONDITION. */
export type Need =
  | 'secondUser'
  | 'userWithoutLicences'
  | 'userWithFewLicences'
  | 'licenseKey'
  | 'officialApp'
  | 'unofficialApp'
  | 'twoStores'
  | 'writes';

export interface ScenarioSpec {
  operationId: string;
  /** The status this scenario provokes: a documented one, or 'undocumented' for the cases the contract is silent on. */
  status: number | 'undocumented';
  title: string;
  /** The requirement, quoting the contract (or real-clients.md) where possible. */
  requirement: string;
  strength?: Strength;
  /**
   * Why the requirement is one (lib/checks/basis.ts); for a documented status it defaults to that response's
   * pointer. A MUST needs a contract, erratum or RFC-MUST basis (a self-test holds every scenario to it).
   */
  basis?: Basis[];
  needs?: Need[];
  run(t: ScenarioContext): Promise<void>;
}

export const scenarioBasis = (spec: Pick<ScenarioSpec, 'operationId' | 'status' | 'basis'>): Basis[] =>
  spec.basis ?? (spec.status === 'undocumented' ? [] : [responseBasis(spec.operationId, spec.status)]);

export interface SuiteDefinition {
  operationId: string;
  file?: string;
  scenarios: ScenarioSpec[];
}

export type Verdict = 'pass' | 'fail' | 'known' | 'precondition';

export interface ScenarioResult {
  id: string;
  operationId: string;
  status: number | 'undocumented';
  title: string;
  strength: Strength;
  verdict: Verdict;
  /** Every failure, gating or not. */
  failures: Failure[];
  /** Failures that make the run red (MUST; SHOULD only with --strict-clients). */
  gating: Failure[];
  preconditionReason?: string;
  /** Statuses the server actually answered with (for the matrix's "undocumented" column). */
  observedStatuses: number[];
  exchanges: Exchange[];
  /** 429s the target answered during this test (waited out and retried, never findings). */
  throttled?: number;
  durationMs: number;
}

export const scenarioId = (spec: Pick<ScenarioSpec, 'operationId' | 'status' | 'title'>): string => `${spec.operationId} › ${spec.status} › ${spec.title}`;
