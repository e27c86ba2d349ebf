import type { Test } from '@jest/test-result';
import Sequencer, { type ShardOptions } from '@jest/test-sequencer';
import { balancedShards, durationKey, loadDurations } from './durations';

/**
 * jest's --shard splits test files by a hash of their path, whatever they cost; the suite's files are uneven
 * (a property file takes seconds, a small suite milliseconds). This sequencer cuts shards by recorded duration.
 * Any file jest passes it works: one without a recorded duration weighs the median.
 */
export default class DurationSequencer extends Sequencer {
  override shard(tests: Test[], { shardIndex, shardCount }: ShardOptions): Test[] {
    const durations = loadDurations();
    const key = (test: Test) => durationKey(test.context.config.rootDir, test.path);
    return balancedShards(tests, (test) => durations[key(test)], key, shardCount)[shardIndex - 1];
  }
}
