import { summarise, type MutationReport } from '../../mutation/summary';

const mutants = (statuses: Record<string, number>) => Object.entries(statuses).flatMap(([status, count]) => Array.from({ length: count }, () => ({ status })));

test('each mutated area is scored against its minimum, and the closing line counts every status', () => {
  const report: MutationReport = {
    files: {
      'server/handlers/device.ts': { mutants: mutants({ Killed: 9, Survived: 1, Ignored: 2 }) },
      'server/state.ts': { mutants: mutants({ Killed: 7, Timeout: 1, NoCoverage: 1, Survived: 1 }) },
    },
  };
  const { lines, met } = summarise(report);
  expect(met).toBe(true);
  expect(lines).toEqual([
    '  server/handlers    90.0 %  (minimum 90 %)  9 killed, 1 survived, 0 timed out, 0 no coverage',
    '  rest of server/    80.0 %  (minimum 80 %)  7 killed, 1 survived, 1 timed out, 1 no coverage',
    'mutation score 85.0 %: 16 killed, 2 survived, 1 timed out, 1 no coverage (2 equivalent, not scored) — targets met',
  ]);
});

test('an area below its minimum is named and fails the targets', () => {
  const { lines, met } = summarise({ files: { 'server/auth.ts': { mutants: mutants({ Killed: 8, Survived: 2 }) } } });
  expect(met).toBe(false);
  expect(lines[0]).toContain('80.0 %  (minimum 90 %, MISSED)');
  expect(lines.at(-1)).toMatch(/targets missed$/);
});
