import * as fs from 'node:fs';
import type { Profile } from './profile';

/** Set by a run's global setup: where the run counts consumed user licences across all its test files. */
export const BUDGET_FILE_VARIABLE = 'CONSOLE_BUDGET_FILE';

/**
 * How many user licences a run may still consume, per user: the profile's `userLicenses`, for the whole run.
 * Jest gives every test file its own modules, so a run shares the count through a file (tests run in band).
 */
export class LicenceBudget {
  private readonly memory = new Map<string, number>();

  constructor(
    private readonly profile: Profile,
    private readonly file = process.env[BUDGET_FILE_VARIABLE],
  ) {}

  private consumed(): Record<string, number> {
    if (!this.file) return Object.fromEntries(this.memory);
    return fs.existsSync(this.file) ? (JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, number>) : {};
  }

  /** Takes `count` licences of a user, all or none; false when the profile allows fewer in this run. */
  take(username: string, count = 1): boolean {
    const allowed = this.profile.users.find((user) => user.username === username)?.userLicenses ?? 0;
    const consumed = this.consumed();
    if ((consumed[username] ?? 0) + count > allowed) return false;
    consumed[username] = (consumed[username] ?? 0) + count;
    if (this.file) fs.writeFileSync(this.file, JSON.stringify(consumed));
    else this.memory.set(username, consumed[username]);
    return true;
  }
}
