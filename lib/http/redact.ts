/**
 * Secrets never reach a report, a log or the console. Every value that passes through the HTTP client
 * under a secret-looking name (a password, a token, a JWT, a licence key, an Authorization header) is
 * remembered here, and every text the suite writes out goes through `redactText`.
 */
export const REDACTED = '«redacted»';

const SECRET_KEY = /pass(word)?|token|jwt|licen[cs]e_?key|secret|authorization|api_?key/i;
const JWT = /eyJ[\w-]{2,}\.[\w-]{2,}\.[\w-]*/g;
/** Credentials after a scheme word; short values ("Bearer .+" in a title) are not credentials. */
const BEARER = /\b(Bearer|Basic)\s+[^\s"'\\,;]{8,}/gi;
/** Shorter values are too common to hunt for in free text (and too weak to be real secrets). */
const MIN_SECRET_LENGTH = 4;

export class Redactor {
  private readonly secrets = new Set<string>();
  private sorted: string[] | undefined;

  addSecret(value: unknown): void {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH || this.secrets.has(value)) return;
    this.secrets.add(value);
    this.sorted = undefined;
    // A secret also travels encoded: in a JSON string, in a URL, in a shell-quoted curl line.
    for (const variant of [JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]) {
      if (variant !== value) this.secrets.add(variant);
    }
  }

  /** Remembers the string values under secret-looking keys anywhere in a parsed JSON value. */
  learnFromJson(value: unknown): void {
    if (Array.isArray(value)) value.forEach((item) => this.learnFromJson(item));
    else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (SECRET_KEY.test(key) && typeof child === 'string') this.addSecret(child);
        else this.learnFromJson(child);
      }
    }
  }

  learnFromHeaders(headers: Record<string, string>): void {
    for (const [name, value] of Object.entries(headers)) {
      if (!SECRET_KEY.test(name)) continue;
      this.addSecret(value);
      const credentials = /^\S+\s+(.+)$/.exec(value);
      if (credentials) this.addSecret(credentials[1]);
    }
  }

  redactText(text: string): string {
    this.sorted ??= [...this.secrets].sort((a, b) => b.length - a.length);
    let result = text;
    for (const secret of this.sorted) {
      if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    }
    return result.replace(JWT, REDACTED).replace(BEARER, (_match, scheme: string) => `${scheme} ${REDACTED}`);
  }

  /** A copy of a JSON-like value with every string redacted (keys under secret names replaced whole). */
  redactDeep<T>(value: T): T {
    if (typeof value === 'string') return this.redactText(value) as T;
    if (Array.isArray(value)) return value.map((item) => this.redactDeep(item)) as T;
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [key, SECRET_KEY.test(key) && typeof child === 'string' ? REDACTED : this.redactDeep(child)]),
    ) as T;
  }

  redactHeaders(headers: Record<string, string>): Record<string, string> {
    return Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name, SECRET_KEY.test(name) ? this.redactHeaderValue(value) : this.redactText(value)]),
    );
  }

  private redactHeaderValue(value: string): string {
    const scheme = /^(\S+)\s+\S/.exec(value);
    return scheme ? `${scheme[1]} ${REDACTED}` : value === '' ? '' : REDACTED;
  }
}

/** One per process: a secret seen by any client is hidden from every report. */
export const redactor = new Redactor();
