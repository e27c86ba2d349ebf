import * as fs from 'node:fs';
import * as path from 'node:path';
import axios from 'axios';
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import type { Circus } from '@jest/types';
import { manifestValidator } from '../checks/manifest';
import AllureEnvironment from '../report/allure-environment';
import { allureResultsDir } from '../report/run';
import { loadContract } from '../spec/compiled';
import { contractIndex } from '../spec/contract';
import { PROCESS_SHARED, type ProcessShared } from '../spec/shared';
import { readConfig } from './config';
import { MONITOR_KEY, startMonitor, type RunMonitor } from './monitor';

/** jest-circus reads these from a file's globals: how often a failing test is re-run, and re-run at once. */
const RETRY_TIMES = Symbol.for('RETRY_TIMES');
const RETRY_IMMEDIATELY = Symbol.for('RETRY_IMMEDIATELY');

/**
 * Allure's own writer fsyncs every result and attachment (three per exchange): on a busy disk that was
 * 0.5–2 s of a run. These files are a report, rebuilt by the next run: written plainly, still whole
 * (a temporary name renamed into place).
 */
class PlainWriter {
  constructor(private readonly resultsDir: string) {}

  private write(name: string, content: string | Buffer): void {
    fs.mkdirSync(this.resultsDir, { recursive: true });
    const file = path.join(this.resultsDir, name);
    fs.writeFileSync(`${file}.tmp`, content);
    fs.renameSync(`${file}.tmp`, file);
  }

  writeResult(result: { uuid: string }): void {
    this.write(`${result.uuid}-result.json`, JSON.stringify(result));
  }
  writeGroup(result: { uuid: string }): void {
    this.write(`${result.uuid}-container.json`, JSON.stringify(result));
  }
  writeAttachment(name: string, content: Buffer): void {
    this.write(name, content);
  }
  writeAttachmentFromPath(name: string, from: string): void {
    this.write(name, fs.readFileSync(from));
  }
  writeEnvironmentInfo(info: Record<string, string | undefined>): void {
    this.write('environment.properties', Object.entries(info).map(([key, value]) => `${key}=${value ?? ''}`).join('\n'));
  }
  writeCategoriesDefinitions(categories: unknown): void {
    this.write('categories.json', JSON.stringify(categories));
  }
  writeGlobals(name: string, info: unknown): void {
    this.write(name, JSON.stringify(info));
  }
}

/**
 * The environment of the conformance project: the reports' Allure environment, with the run's monitor —
 * --retries (a test passing on a re-run is FLAKY), --max-failures and the breaker skip what is left — and
 * the contract compiled once per process (lib/spec/shared.ts).
 */
export default class RunEnvironment extends AllureEnvironment {
  private readonly monitor: RunMonitor;
  private readonly retries: number;

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    const settings = readConfig();
    this.retries = settings.retries;
    this.monitor = startMonitor(settings.maxFailures);
    const global = this.global as unknown as Record<symbol, unknown>;
    global[MONITOR_KEY] = this.monitor;
    // A new object for each file (its own properties are the file's); the functions and what they build are the process's.
    global[PROCESS_SHARED] = { contractIndex, loadContract, manifestValidator, axios } satisfies ProcessShared;
    if (this.retries > 0) {
      global[RETRY_TIMES] = this.retries;
      global[RETRY_IMMEDIATELY] = true;
    }
    (this as unknown as { runtime: { writer: PlainWriter } }).runtime.writer = new PlainWriter(allureResultsDir(settings.runId));
    const reportsHandler = this.handleTestEvent.bind(this);
    this.handleTestEvent = (event: Circus.Event, state: Circus.State) => {
      this.watch(event);
      return reportsHandler(event, state);
    };
  }

  private watch(event: Circus.Event): void {
    if (event.name === 'test_start' && this.monitor.stopReason && event.test.mode !== 'skip') event.test.mode = 'skip';
    // A failing test is re-run `retries` times: it ends for good when it passed or ran out of re-runs.
    if (event.name === 'test_done' && (event.test.errors.length === 0 || event.test.invocations > this.retries)) this.monitor.testDone(event.test.errors.length > 0);
  }
}
