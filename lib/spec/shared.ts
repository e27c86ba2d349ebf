import type { ValidateFunction } from 'ajv';
import type { AxiosStatic } from 'axios';
import type { CompiledContract } from './compiled';
import type { ContractIndex } from './contract';

/**
 * What is compiled once per process, not once per test file. Jest gives each test file its own module
 * registry, so each file parsed the contract and compiled its validators again (≈ 2.5 s of a 12 s run). The
 * conformance environment lives outside those registries: it hands every file the functions of its own
 * modules, whose results then outlive the file. Only code loaded by the environment builds them, so nothing
 * they keep belongs to a test file's registry (which would keep that registry alive).
 */
export interface ProcessShared {
  contractIndex(strict: boolean): ContractIndex;
  loadContract(strict: boolean): Promise<CompiledContract>;
  manifestValidator(schemaVersion: string): ValidateFunction | undefined;
  axios: AxiosStatic;
}

export const PROCESS_SHARED = Symbol.for('flecs-console-conformance.process-shared');

/** The environment's functions inside a test file of the conformance project; undefined anywhere else. */
export const processShared = (): ProcessShared | undefined => (globalThis as { [PROCESS_SHARED]?: ProcessShared })[PROCESS_SHARED];
