import { curlLine } from '../../lib/http/curl';
import { REDACTED, Redactor, redactor } from '../../lib/http/redact';

test('secrets learned from JSON bodies and headers are redacted from any text', () => {
  const r = new Redactor();
  r.learnFromJson({ username: 'user', password: 'hunter2-long', data: { jwt: { token: 'opaque-token-1234' }, token: { password: 'dl-pass-9876' } }, licenseKey: 'LK-1234-5678' });
  r.learnFromHeaders({ Authorization: 'Bearer opaque-bearer-abcdef' });
  const text = 'hunter2-long opaque-token-1234 dl-pass-9876 LK-1234-5678 opaque-bearer-abcdef user';
  expect(r.redactText(text)).toBe(`${REDACTED} ${REDACTED} ${REDACTED} ${REDACTED} ${REDACTED} user`);
});

test('JWTs and bearer credentials are redacted even when never seen before', () => {
  const r = new Redactor();
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI2In0.c2lnbmF0dXJlLXZhbHVl';
  expect(r.redactText(`token=${jwt}`)).toBe(`token=${REDACTED}`);
  expect(r.redactText('Authorization: Basic dXNlcjpwYXNzd29yZA==')).toBe(`Authorization: Basic ${REDACTED}`);
  expect(r.redactText('a title about "Bearer .+"')).toBe('a title about "Bearer .+"');
});

test('secrets are found JSON-escaped and URL-encoded too', () => {
  const r = new Redactor();
  r.addSecret('pa"ss/wörd');
  expect(r.redactText(JSON.stringify({ p: 'pa"ss/wörd' }))).not.toContain('pa\\"ss');
  expect(r.redactText(encodeURIComponent('pa"ss/wörd'))).toBe(REDACTED);
});

test('redactDeep replaces values under secret names whole and redacts every other string', () => {
  const r = new Redactor();
  r.addSecret('LK-SECRET-1');
  expect(r.redactDeep({ password: 'x', nested: [{ note: 'key LK-SECRET-1 used' }], count: 3 })).toEqual({ password: REDACTED, nested: [{ note: `key ${REDACTED} used` }], count: 3 });
});

test('the curl line of a request carries no secret', () => {
  redactor.addSecret('curl-secret-password');
  const line = curlLine({ method: 'POST', url: 'http://127.0.0.1:1/api/v2/auth/login', path: '/api/v2/auth/login', headers: { Authorization: 'Bearer abc.def.ghi', 'Content-Type': 'application/json' }, body: JSON.stringify({ password: 'curl-secret-password' }) });
  expect(line).not.toContain('curl-secret-password');
  expect(line).not.toContain('abc.def.ghi');
  expect(line).toContain(`'Authorization: Bearer ${REDACTED}'`);
});

test('the curl line of a HEAD request uses -I, which expects no body', () => {
  expect(curlLine({ method: 'HEAD', url: 'http://127.0.0.1:1/api/v2/tokens', path: '/api/v2/tokens', headers: {} })).toBe("curl -I 'http://127.0.0.1:1/api/v2/tokens'");
});
