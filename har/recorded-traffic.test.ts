import { TRAFFIC_FILE_VARIABLE, readTrafficGroups } from '../lib/har/report';
import { renderTrafficFailures, toScenarioResult, trafficTestId, type TrafficGroup } from '../lib/har/traffic';
import { settle } from '../lib/report/settle';
import { readConfig } from '../lib/target/config';
import { configuredProfile, createTarget, type Target } from '../lib/target/target';

/**
 * Recorded traffic (npm run conformance -- --har FILE, or the proxy on exit), checked beforehand by
 * lib/har/traffic.ts: one test per operation × status seen, settled as a scenario is.
 */
const file = process.env[TRAFFIC_FILE_VARIABLE];
const groups = file ? readTrafficGroups(file) : [];

let target: Promise<Target> | undefined;
// No request is ever sent: the target only carries the profile (known deviations) and the run's settings.
const reportingTarget = () => (target ??= createTarget({ baseUrl: 'http://recorded-traffic.invalid', profile: configuredProfile(), config: readConfig() }));

if (groups.length === 0) test.skip('no recorded traffic given (npm run conformance -- --har FILE)', () => undefined);

const byOperation = new Map<string, TrafficGroup[]>();
for (const group of groups) byOperation.set(group.operationId, [...(byOperation.get(group.operationId) ?? []), group]);

for (const [operationId, ofOperation] of byOperation) {
  describe(operationId, () => {
    for (const group of ofOperation) {
      test(trafficTestId(group), async () => {
        const reporting = await reportingTarget();
        await settle(toScenarioResult(group, reporting.config.strictClients), reporting, (result) => renderTrafficFailures(result, group));
      });
    }
  });
}
