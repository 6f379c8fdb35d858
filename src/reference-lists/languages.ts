import Negotiator from 'negotiator';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * The languages reference names are given in (API.md §3). English first: it is the default,
 * and the one a wildcard (`Accept-Language: *`) picks. Adding a language is a migration that
 * inserts its names into reference_list_item_names plus its code here (README, "Languages").
 */
export const SUPPORTED_LANGUAGES = ['en', 'nb', 'sv', 'da', 'fi', 'de'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

/** `no` (Norwegian, the ISO 639-1 macrolanguage SuperOffice clients send) reads as Bokmål. */
const ALIASES: Record<string, Language> = { no: 'nb' };
const AVAILABLE = [...SUPPORTED_LANGUAGES, ...Object.keys(ALIASES)];

/** The best supported language of one Accept-Language-style header, by negotiator (quality values, prefixes). */
function negotiate(header: string | undefined): Language | undefined {
  if (!header?.trim()) return undefined;
  const match = new Negotiator({ headers: { 'accept-language': header } }).language(AVAILABLE);
  return match === undefined ? undefined : (ALIASES[match] ?? (match as Language));
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The language of a request's reference names: `SO-Language` (seed 002, an ISO 639-1 code)
 * overrides `Accept-Language`; a header that names no supported language is passed over, and
 * English answers when neither does.
 */
export function chooseLanguage(headers: IncomingHttpHeaders): Language {
  return negotiate(first(headers['so-language'])) ?? negotiate(first(headers['accept-language'])) ?? DEFAULT_LANGUAGE;
}
