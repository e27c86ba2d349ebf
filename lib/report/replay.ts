import { redactor } from '../http/redact';

const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

/** The target as the user gave it (never the embedded server's random port), without credentials in the URL. */
function targetFlags(env: NodeJS.ProcessEnv): string[] {
  if (env.CONSOLE_EMBEDDED === '1' || !env.CONSOLE_BASE_URL) return [];
  const url = new URL(env.CONSOLE_BASE_URL);
  url.username = '';
  url.password = '';
  return ['--target', shellQuote(url.toString().replace(/\/$/, '')), ...(env.CONSOLE_PROFILE ? ['--profile', shellQuote(env.CONSOLE_PROFILE)] : [])];
}

const modeFlags = (env: NodeJS.ProcessEnv): string[] => [
  ...(/^(1|true|yes|on)$/i.test(env.CONSOLE_STRICT ?? '') ? ['--strict'] : []),
  ...(/^(1|true|yes|on)$/i.test(env.CONSOLE_STRICT_CLIENTS ?? '') ? ['--strict-clients'] : []),
];

/**
 * The one command that runs this test again as it ran: its exact id, the target and profile when they were
 * given, the strictness, and for a property the seed and paths. Works pasted as printed (a self-test does so).
 */
export function replayLine(testId: string, variables: Record<string, string | undefined> = {}, env: NodeJS.ProcessEnv = process.env): string {
  const prefix = Object.entries(variables)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${name}=${shellQuote(value)} `)
    .join('');
  // Only the flags can carry something secret (a URL); the test id is the suite's own text and must stay exact.
  return `${prefix}npm run conformance -- --only ${shellQuote(testId)} ${redactor.redactText([...targetFlags(env), ...modeFlags(env)].join(' '))}`.trim();
}
