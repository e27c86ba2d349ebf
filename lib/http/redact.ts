import type { Exchange } from './exchange';

/**
 * Secrets never reach a report, a log or the console. Every value that passes through the HTTP client
 * under a secret-looking name (a password, a token, a JWT, a licence key, an Authorization header) is
 * remembered here, and every text the suite writes out goes through `redactText`.
 */
export const REDACTED = '«redacted»';

/**
 * A stand-in of the same shape: length, punctuation, digits, hex and other letters and their case kept.
 * Session ids are credentials whose format the checks read (a lowercase uuid): a recording redacted with
 * stand-ins is re-checked exactly as the original would be, and the stand-in still shows what was wrong.
 */
export const sameShape = (value: string): string =>
  value.replace(/[0-9]/g, '0').replace(/[a-f]/g, 'a').replace(/[g-z]/g, 'x').replace(/[A-F]/g, 'A').replace(/[G-Z]/g, 'X');

const UUID_LIKE = /[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}/gi;
const SESSION_KEY = /^session_?id$/i;

const SECRET_KEY = /pass(word)?|token|jwt|licen[cs]e_?key|secret|authorization|api_?key/i;
const JWT = /eyJ[\w-]{2,}\.[\w-]{2,}\.[\w-]*/g;
/** Credentials after a scheme word; short values ("Bearer .+" in a title) are not credentials. */
const BEARER = /\b(Bearer|Basic)\s+[^\s"'\\,;]{8,}/gi;
/** Shorter values are too common to hunt for in free text (and too weak to be real secrets). */
const MIN_SECRET_LENGTH = 4;

export class Redactor {
  /** Each secret (and its encoded variants) with what replaces it. */
  private readonly secrets = new Map<string, string>();
  private sorted: Array<[string, string]> | undefined;

  addSecret(value: unknown, replacement = REDACTED): void {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH || this.secrets.has(value)) return;
    this.secrets.set(value, replacement);
    this.sorted = undefined;
    // A secret also travels encoded: in a JSON string, in a URL, in a shell-quoted curl line.
    for (const variant of [JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]) {
      if (variant !== value) this.secrets.set(variant, replacement);
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

  /** An X-Session-Id value (JSON text, simple style or bare): its uuids, else the whole value, by stand-ins. */
  learnFromSessionHeader(value: string): void {
    const uuids = value.match(UUID_LIKE);
    if (uuids) uuids.forEach((uuid) => this.addSecret(uuid, sameShape(uuid)));
    else this.addSecret(value, sameShape(value));
  }

  /** Session ids anywhere in a parsed JSON value: `sessionId` strings, or the `id` of a `sessionId` object. */
  learnSessionIds(value: unknown): void {
    if (Array.isArray(value)) value.forEach((item) => this.learnSessionIds(item));
    else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (SESSION_KEY.test(key) && typeof child === 'string') this.learnFromSessionHeader(child);
        else if (SESSION_KEY.test(key) && child !== null && typeof child === 'object' && typeof (child as { id?: unknown }).id === 'string') this.learnFromSessionHeader((child as { id: string }).id);
        else this.learnSessionIds(child);
      }
    }
  }

  /** Cookie values: `a=b; c=d` (Cookie) or one `name=value; attributes` per line (Set-Cookie). */
  learnFromCookies(value: string, setCookie: boolean): void {
    const pairs = setCookie ? value.split('\n').map((line) => line.split(';', 1)[0]) : value.split(';');
    for (const pair of pairs) this.addSecret(pair.slice(pair.indexOf('=') + 1).trim());
  }

  /**
   * Everything secret in one exchange of recorded traffic (a HAR, the proxy), which no client of ours
   * sent: credentials in headers, query and bodies, session ids, cookies.
   */
  learnFromExchange(exchange: Exchange): void {
    const { request, response } = exchange;
    for (const headers of [request.headers, response?.headers ?? {}]) {
      this.learnFromHeaders(headers);
      for (const [name, value] of Object.entries(headers)) {
        const lower = name.toLowerCase();
        if (lower === 'x-session-id') this.learnFromSessionHeader(value);
        else if (lower === 'cookie' || lower === 'set-cookie') this.learnFromCookies(value, lower === 'set-cookie');
      }
    }
    const query = request.url.indexOf('?');
    if (query >= 0) this.learnFromJson(Object.fromEntries(new URLSearchParams(request.url.slice(query + 1))));
    if (request.body !== undefined) {
      try {
        this.learnFromParsed(JSON.parse(request.body));
      } catch {
        // Not JSON: only the patterns of redactText (JWTs, bearer credentials) apply to it.
      }
    }
    if (response?.body.kind === 'json') this.learnFromParsed(response.body.value);
  }

  private learnFromParsed(value: unknown): void {
    this.learnFromJson(value);
    this.learnSessionIds(value);
  }

  redactText(text: string): string {
    this.sorted ??= [...this.secrets].sort((a, b) => b[0].length - a[0].length);
    let result = text;
    for (const [secret, replacement] of this.sorted) {
      if (result.includes(secret)) result = result.split(secret).join(replacement);
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
