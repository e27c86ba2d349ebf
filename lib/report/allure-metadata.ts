import * as fs from 'node:fs';
import * as path from 'node:path';
import { reportsDir } from '../paths';
import type { RunConfig } from '../target/config';

/** Allure categories: what a failure is, read from the rendered failure text. */
const CATEGORIES = [
  { name: 'Unexpected pass of a known deviation', matchedStatuses: ['failed', 'broken'], messageRegex: '(?s).*unexpected pass.*' },
  { name: 'Spec erratum involved', matchedStatuses: ['failed', 'broken'], messageRegex: '(?s).*erratum.*' },
  { name: 'Undocumented status', matchedStatuses: ['failed', 'broken'], messageRegex: '(?s).*\\[(status_code_conformance|expected_status)\\].*' },
  { name: 'Real-client expectation', matchedStatuses: ['failed', 'broken'], messageRegex: '(?s).*\\] SHOULD .*' },
  { name: 'Contract violation', matchedStatuses: ['failed'], messageRegex: '(?s).*\\] MUST .*' },
  { name: 'Property counterexample', matchedStatuses: ['failed'], messageRegex: '(?s).*property failed after.*' },
];

/** categories.json and environment.properties beside the Allure results of a run (no secrets: no profile values). */
export function writeAllureMetadata(config: RunConfig, profileName: string, embedded: boolean): void {
  const dir = path.join(reportsDir(), 'allure-results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'categories.json'), JSON.stringify(CATEGORIES, null, 2));
  const environment = {
    target: embedded ? 'embedded reference server' : config.baseUrl,
    profile: profileName,
    strict: String(config.strict),
    strictClients: String(config.strictClients),
    propertySeed: config.seed === undefined ? 'derived from the date' : String(config.seed),
    runId: config.runId,
  };
  fs.writeFileSync(path.join(dir, 'environment.properties'), Object.entries(environment).map(([key, value]) => `${key}=${value}`).join('\n') + '\n');
}
