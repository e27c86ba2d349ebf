import type fc from 'fast-check';
import type { Basis } from '../checks/basis';
import type { Strength } from '../checks/types';
import type { ScenarioContext } from '../scenario/context';
import type { Need } from '../scenario/types';

/** A property: every generated input, sent through a fresh context, satisfies the invariant. */
export interface PropertySpec<Input = unknown> {
  operationId: string;
  /** The invariant, read as a sentence: "any SemVer as max_manifest_version is honoured". */
  invariant: string;
  requirement: string;
  strength?: Strength;
  /** Why the invariant is one (lib/checks/basis.ts); a MUST needs a contract, erratum or RFC-MUST basis. */
  basis: Basis[];
  needs?: Need[];
  /** The fault of server/faults whose run must turn this property red (proof that it can fail). */
  provenBy: string;
  /** The generator; it may read the profile (never the reference server's data). */
  arbitrary(t: ScenarioContext): fc.Arbitrary<Input> | Promise<fc.Arbitrary<Input>>;
  /** One run: send, then assert with t.expect…; any gating failure fails the property and shrinks it. */
  run(t: ScenarioContext, input: Input): Promise<void>;
}

export const propertyId = (spec: Pick<PropertySpec, 'operationId' | 'invariant'>): string => `${spec.operationId} › property › ${spec.invariant}`;
