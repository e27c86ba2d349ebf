import * as fs from 'node:fs';
import { compareContracts } from '../../lib/diff/compare';
import type { DiffResult, LoadedContract } from '../../lib/diff/types';
import { CONTRACT_FILE, dereferenceContract, parseContract } from '../../lib/spec/contract';

/** A contract as parsed YAML, changed in place by a test. */
export type Doc = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- each test reaches into a different part

let parsed: Doc | undefined;
/** openapi.yaml as written (no errata), parsed once: the real contract every crafted HEAD starts from. */
export const realContract = (): Doc => structuredClone((parsed ??= parseContract(fs.readFileSync(CONTRACT_FILE, 'utf8'))));

/**
 * A crafted version, dereferenced without swagger-parser's validation (150 ms each, the bulk of the rule tests):
 * the rules compare dereferenced documents, and the CLI's own tests hold it to refusing an invalid contract.
 */
export const loaded = async (label: string, raw: Doc): Promise<LoadedContract> => ({ label, raw, dereferenced: await dereferenceContract(raw) });

let unchangedBase: Promise<LoadedContract> | undefined;
/**
 * The diff from the real contract (or the real contract changed by `base`) to a copy of it changed by `head`,
 * errata left out (their own tests check them).
 */
export async function diffOf(head: (doc: Doc) => void, base?: (doc: Doc) => void): Promise<DiffResult> {
  const baseRaw = realContract();
  base?.(baseRaw);
  const headRaw = structuredClone(baseRaw);
  head(headRaw);
  const before = base ? await loaded('base', baseRaw) : await (unchangedBase ??= loaded('base', baseRaw));
  return compareContracts(before, await loaded('head', headRaw), { errata: [] });
}
