import * as fs from 'node:fs';
import { compareContracts } from '../../lib/diff/compare';
import type { DiffResult, LoadedContract } from '../../lib/diff/types';
import { CONTRACT_FILE, parseContract, validateContract } from '../../lib/spec/contract';

/** A contract as parsed YAML, changed in place by a test. */
export type Doc = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- each test reaches into a different part

/** openapi.yaml as written (no errata): the real contract every crafted HEAD starts from. */
export const realContract = (): Doc => parseContract(fs.readFileSync(CONTRACT_FILE, 'utf8'));

export const loaded = async (label: string, raw: Doc): Promise<LoadedContract> => ({ label, raw, dereferenced: await validateContract(raw) });

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
