import { STATUS_CODES } from 'node:http';

/**
 * Reason phrases RFC 9110 §15 renamed, with the older names (RFC 7231, 2616) that servers and Node still send:
 * either is the standard phrase of its status.
 */
const OTHER_NAMES: Record<number, string[]> = {
  413: ['Content Too Large', 'Payload Too Large', 'Request Entity Too Large'],
  414: ['URI Too Long', 'Request-URI Too Long'],
  416: ['Range Not Satisfiable', 'Requested Range Not Satisfiable'],
  422: ['Unprocessable Content', 'Unprocessable Entity'],
};

/** Every standard reason phrase of a status (compared case-insensitively). */
export function reasonPhrases(status: number): string[] {
  return [...new Set([STATUS_CODES[status], ...(OTHER_NAMES[status] ?? [])].filter((phrase): phrase is string => phrase !== undefined))];
}

export const isReasonPhrase = (status: number, text: unknown): boolean =>
  typeof text === 'string' && reasonPhrases(status).some((phrase) => phrase.toLowerCase() === text.trim().toLowerCase());
