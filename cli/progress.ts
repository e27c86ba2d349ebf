import type { RunMonitor } from '../lib/target/monitor';

export const PROGRESS_INTERVAL_S = 10;
/** A target that answered nothing for this long gets a line saying so (once per silence). */
export const STALL_NOTICE_S = 30;

export interface ProgressOptions {
  monitor: RunMonitor;
  /** Tests chosen, when the run knows them before jest starts. */
  total?: number;
  /** The progress line: in CI (no TTY) only, where jest's own display is not refreshed. */
  lines: boolean;
  print: (line: string) => void;
  intervalS?: number;
}

/** The progress line every ~10 s and the stall notice; returns the function that stops them. */
export function startProgress(options: ProgressOptions): () => void {
  const { monitor, print } = options;
  const started = performance.now();
  const intervalS = options.intervalS ?? PROGRESS_INTERVAL_S;
  let ticks = 0;
  let stallNoticed = false;
  const timer = setInterval(() => {
    ticks++;
    const quiet = monitor.quietSeconds();
    if (quiet >= STALL_NOTICE_S && !stallNoticed) {
      stallNoticed = true;
      print(`no response from the target for ${Math.floor(quiet)} s (each request gives up after its --timeout)`);
    } else if (quiet < STALL_NOTICE_S) stallNoticed = false;
    if (options.lines && ticks % intervalS === 0) {
      const done = `${monitor.testsDone}${options.total === undefined ? '' : `/${options.total}`}`;
      print(`progress: ${done} tests, ${monitor.exchanges} exchanges, ${Math.round((performance.now() - started) / 1000)} s`);
    }
  }, 1000);
  timer.unref();
  return () => clearInterval(timer);
}
