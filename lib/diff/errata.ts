import * as fs from 'node:fs';
import { CONTRACT_FILE, parseContract } from '../spec/contract';
import { applyPatch, loadErrata, resolvePointer, type Erratum } from '../spec/errata';
import { lintContract, type LintFinding } from '../spec/lint';
import type { Finding, LoadedContract, Rule } from './types';

/** One erratum against HEAD; `lint` holds the defects lib/spec/lint finds by code in openapi.yaml and in HEAD. */
export interface ErratumSubject {
  erratum: Erratum;
  head: Record<string, unknown>;
  lint: { reference: LintFinding[]; head: LintFinding[] };
}

export const erratumPointerUnresolved: Rule<ErratumSubject> = {
  name: 'erratum-pointer-unresolved',
  title: 'An erratum points at a part of the contract that HEAD no longer has: it is stale.',
  check({ erratum, head }, emit) {
    if (resolvePointer(head, erratum.pointer) !== undefined) return;
    emit({ severity: 'WARNING', where: `erratum ${erratum.id}`, message: `its pointer ${erratum.pointer} does not resolve in HEAD: update or remove the erratum`, headPath: erratum.pointer });
  },
};

export const erratumPatchInapplicable: Rule<ErratumSubject> = {
  name: 'erratum-patch-inapplicable',
  title: 'A patch erratum no longer applies to HEAD: the suite would refuse to load HEAD as openapi.yaml.',
  check({ erratum, head }, emit) {
    if (erratum.kind !== 'patch' || !erratum.patch) return;
    try {
      applyPatch(structuredClone(head), erratum.patch, erratum.id);
    } catch (error) {
      emit({ severity: 'WARNING', where: `erratum ${erratum.id}`, message: `its patch does not apply to HEAD (${(error as Error).message})`, headPath: erratum.pointer });
    }
  },
};

export const erratumDefectFixed: Rule<ErratumSubject> = {
  name: 'erratum-defect-fixed',
  title: 'The defect an erratum records (as lib/spec/lint finds it in openapi.yaml) is gone from HEAD: HEAD fixed it.',
  check({ erratum, lint }, emit) {
    const known = lint.reference.filter((finding) => finding.erratum === erratum.id);
    if (known.length === 0 || lint.head.some((finding) => finding.erratum === erratum.id)) return;
    const rules = [...new Set(known.map((finding) => finding.rule))].join(', ');
    emit({ severity: 'WARNING', where: `erratum ${erratum.id}`, message: `HEAD no longer has the defect (lint rules ${rules} find nothing): remove the erratum when HEAD becomes openapi.yaml`, headPath: erratum.pointer });
  },
};

export const ERRATA_RULES = [erratumPointerUnresolved, erratumPatchInapplicable, erratumDefectFixed];

/** The errata (written for openapi.yaml) that HEAD makes stale, so they never go stale silently. */
export function errataFindings(head: LoadedContract, errata: Erratum[] = loadErrata(), reference: Record<string, unknown> = parseContract(fs.readFileSync(CONTRACT_FILE, 'utf8'))): Finding[] {
  const lint = { reference: lintContract(reference), head: lintContract(head.raw) };
  const findings: Finding[] = [];
  for (const erratum of errata) {
    for (const rule of ERRATA_RULES) {
      rule.check({ erratum, head: head.raw, lint }, (change) =>
        findings.push({ rule: rule.name, severity: change.severity, operation: 'errata', where: change.where, message: change.message, head: { pointer: change.headPath!, path: change.headPath! }, clients: [] }),
      );
    }
  }
  return findings;
}
