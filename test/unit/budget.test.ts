import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LicenceBudget } from '../../lib/target/budget';
import type { Profile } from '../../lib/target/profile';

const profile: Profile = { name: 'p', allowWrites: true, users: [{ username: 'u', password: 'p', userLicenses: 2 }, { username: 'none', password: 'p' }], licenseKeys: [], storeIds: [] };

test('a run consumes at most the profile’s user licences, counted across test files through the budget file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-'));
  const file = path.join(dir, 'budget.json');
  try {
    const firstFile = new LicenceBudget(profile, file);
    const secondFile = new LicenceBudget(profile, file);
    expect([firstFile.take('u'), secondFile.take('u'), firstFile.take('u')]).toEqual([true, true, false]);
    expect(secondFile.take('none')).toBe(false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('without a budget file, one process counts in memory', () => {
  const budget = new LicenceBudget(profile, undefined);
  expect([budget.take('u'), budget.take('u'), budget.take('u')]).toEqual([true, true, false]);
});

test('several licences are taken all or none', () => {
  const budget = new LicenceBudget(profile, undefined);
  expect([budget.take('u', 3), budget.take('u'), budget.take('u', 2), budget.take('u')]).toEqual([false, true, false, true]);
});
