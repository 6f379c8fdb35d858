import { ConfigError } from './config-error';

/**
 * Parsers for the variables that decide what the service says to browsers and how it names
 * itself (API.md §1.11, §1.12). Each returns a normalised value or throws ConfigError naming
 * the variable, so a typo stops the start instead of silently refusing every browser.
 */

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * `CORS_ORIGINS`: exact origins (`scheme://host[:port]`), as browsers send them in `Origin`.
 * A path, a trailing slash, a wildcard or credentials in the URL would never equal an
 * `Origin` header, so they are refused rather than ignored.
 */
export function corsOrigins(name: string, raw: string | undefined): string[] {
  return list(raw).map((entry) => {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new ConfigError(`${name}: "${entry}" is not an origin like https://app.example.com`);
    }
    const isHttp = url.protocol === 'http:' || url.protocol === 'https:';
    if (!isHttp || url.origin !== entry.toLowerCase() || entry.includes('*')) {
      throw new ConfigError(
        `${name}: "${entry}" is not an exact origin (scheme://host[:port], no path, trailing slash or wildcard; expected "${isHttp ? url.origin : 'https://…'}")`,
      );
    }
    return url.origin;
  });
}

/** `PUBLIC_BASE_URL`: absolute http(s) URL the service is reached at, without query or fragment. */
export function publicBaseUrl(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name}: "${raw}" is not an absolute URL like https://api.example.com`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username || url.password) {
    throw new ConfigError(`${name}: "${raw}" must be an http(s) URL without credentials, query or fragment`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;
const BRACKETED_IPV6 = /^\[[0-9a-f:.]+\]$/;

/**
 * `TRUSTED_HOSTS`: host names (no port) whose `Host` header may name the service in links.
 * IPv6 literals are kept in brackets, the form Fastify's `request.hostname` gives.
 */
export function trustedHosts(name: string, raw: string | undefined, fallback: string[]): string[] {
  const entries = raw === undefined ? fallback : list(raw);
  return entries.map((entry) => {
    const host = entry.toLowerCase();
    const normalised = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
    if (!HOST_NAME.test(normalised) && !BRACKETED_IPV6.test(normalised)) {
      throw new ConfigError(`${name}: "${entry}" is not a host name (give names like api.example.com, without scheme or port)`);
    }
    return normalised;
  });
}
