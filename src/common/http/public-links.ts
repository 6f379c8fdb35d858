import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppConfig } from '../../../config/app-config';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Where absolute links (`_links`, `Location`) start: `PUBLIC_BASE_URL`, or the scheme and
     * Host of the request when that host is trusted, else `''` so links stay relative.
     */
    readonly linkBase: string;
  }
}

/**
 * API.md §1.12: a `Host` header is chosen by the client, so reflecting it would let anyone who
 * can reach the service (or poison a cache in front of it) make responses point elsewhere.
 * Only `PUBLIC_BASE_URL` or a host in `TRUSTED_HOSTS` names the service; with trustProxy the
 * host and scheme are the proxy's `X-Forwarded-*` ones, checked the same way.
 */
export function linkBaseFor(request: Pick<FastifyRequest, 'protocol' | 'host' | 'hostname'>, config: AppConfig['http']): string {
  if (config.publicBaseUrl) return config.publicBaseUrl;
  if (!request.host) return '';
  return config.trustedHosts.includes(request.hostname.toLowerCase()) ? `${request.protocol}://${request.host}` : '';
}

/** Computed only when a handler reads it (creates and Contacts), not on every request. */
export function registerPublicLinks(fastify: FastifyInstance, config: AppConfig['http']): void {
  fastify.decorateRequest('linkBase', {
    getter(this: FastifyRequest) {
      return linkBaseFor(this, config);
    },
  });
}
