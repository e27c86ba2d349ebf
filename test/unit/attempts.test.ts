import { attempts } from '../../lib/scenario/runner';

test('a re-run that cannot be made leaves the failed attempt standing; a re-run that passes is a pass', () => {
  const attempt = attempts<{ verdict: 'pass' | 'fail' | 'known' | 'precondition'; id: number }>();
  const failed = { verdict: 'fail' as const, id: 1 };
  expect(attempt(failed)).toBe(failed);
  expect(attempt({ verdict: 'precondition', id: 2 })).toBe(failed);
  expect(attempt({ verdict: 'pass', id: 3 })).toEqual({ verdict: 'pass', id: 3 });
  expect(attempts()({ verdict: 'precondition' })).toEqual({ verdict: 'precondition' });
});
