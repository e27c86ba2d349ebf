import type { AcceptedSurvivor } from '../../mutation/equivalents';
import { auditLines, auditSurvivors, summarise, type MutationReport } from '../../mutation/summary';

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

test('survivors are matched to the accepted ones by file, line text, mutator and replacement; the rest are listed, and stale entries named', () => {
  const at = (line: number, mutatorName: string, replacement: string, status = 'Survived') => ({ status, mutatorName, replacement, location: { start: { line, column: 3 } } });
  const report: MutationReport = {
    files: {
      'server/state.ts': {
        source: 'const a = 1;\n  if (x > 0) y();\n',
        mutants: [at(2, 'EqualityOperator', 'x >= 0'), at(2, 'EqualityOperator', 'x < 0'), at(1, 'ArithmeticOperator', '2', 'NoCoverage'), at(2, 'ConditionalExpression', 'true', 'Killed')],
      },
    },
  };
  const entry = (file: string, code: string, replacement: string): AcceptedSurvivor => ({ file, code, mutator: 'EqualityOperator', replacement, reason: 'r' });
  const stale = entry('server/state.ts', 'if (x > 0) y();', 'x <= 0');
  const audit = auditSurvivors(report, [entry('server/state.ts', 'if (x > 0) y();', 'x >= 0'), stale, entry('server/auth.ts', 'z', 'w')]);
  expect(audit).toEqual({
    explained: 1,
    unexplained: ['server/state.ts:1:3 NoCoverage ArithmeticOperator → 2', 'server/state.ts:2:3 Survived EqualityOperator → x < 0'],
    // The entry of a file this run did not mutate (server/auth.ts) is not stale.
    stale: [stale],
  });
  expect(auditLines(audit)).toEqual([
    'survivors: 1 recorded as equivalent (fixtures/mutation-survivors.yaml), 2 not explained:',
    '  server/state.ts:1:3 NoCoverage ArithmeticOperator → 2',
    '  server/state.ts:2:3 Survived EqualityOperator → x < 0',
    'entries of fixtures/mutation-survivors.yaml no survivor matches (killed now, or the line changed): 1',
    '  server/state.ts: EqualityOperator → x <= 0 on "if (x > 0) y();"',
  ]);
});

test('a long list of survivors is cut, and says where the rest are', () => {
  const many = Array.from({ length: 45 }, (_, i) => `m${i}`);
  const lines = auditLines({ explained: 0, unexplained: many, stale: [] });
  expect(lines).toHaveLength(1 + 40 + 1);
  expect(lines.at(-1)).toBe('  … and 5 more (reports/mutation/mutation.html)');
});
