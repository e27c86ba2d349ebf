import { policyActive } from '../spec/errata';

export type ParsedSessionHeader = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string };

/**
 * Reads an X-Session-Id response header. With the erratum (default) it is the JSON text of the sessionId
 * object, as real FLECS devices read it; in strict mode it is OpenAPI's `simple` style, `id,<uuid>,timestamp,<n>`.
 */
export function parseSessionHeader(value: string, strict?: boolean): ParsedSessionHeader {
  if (policyActive('session-id-response-header-json', strict)) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        return { ok: false, reason: 'is JSON but not an object' };
      }
      return { ok: true, value: parsed as Record<string, unknown> };
    } catch {
      return { ok: false, reason: 'is not the JSON text of an object {"id":…,"timestamp":…}' };
    }
  }
  const parts = value.split(',');
  if (parts.length % 2 !== 0) return { ok: false, reason: 'is not a simple-style object (name,value pairs)' };
  const object: Record<string, unknown> = {};
  for (let i = 0; i < parts.length; i += 2) {
    const raw = parts[i + 1];
    object[parts[i]] = /^-?\d+$/.test(raw) ? Number(raw) : raw;
  }
  return { ok: true, value: object };
}

export const SESSION_HEADER = 'x-session-id';
