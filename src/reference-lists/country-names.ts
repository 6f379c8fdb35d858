/**
 * Country names from CLDR, the data the runtime's ICU carries (Node's full-icu build), through
 * Intl.DisplayNames: no table of our own to keep up to date. One formatter per language, made
 * on first use and kept (the set of languages is small and fixed, so the cache is bounded).
 */
const formatters = new Map<string, Intl.DisplayNames>();

function formatterFor(language: string): Intl.DisplayNames {
  let formatter = formatters.get(language);
  if (!formatter) {
    // fallback 'none': an unknown code gives undefined instead of echoing the code as a "name".
    formatter = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
    formatters.set(language, formatter);
  }
  return formatter;
}

/** The CLDR name of an ISO 3166-1 alpha-2 region in `language`, or undefined when CLDR has none. */
export function countryName(alpha2: string, language: string): string | undefined {
  return formatterFor(language).of(alpha2);
}
