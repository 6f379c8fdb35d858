import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { ProblemException } from './problem.exception';

/** A route's path as segments: static ones lower-cased (routes ignore case), `:param` and `*` kept. */
type Pattern = string[];

function segments(path: string): string[] {
  return path
    .split('?', 1)[0]
    .split('/')
    .filter((segment) => segment !== '');
}

function matches(pattern: Pattern, path: string[]): boolean {
  for (let index = 0; index < pattern.length; index++) {
    const segment = pattern[index];
    if (segment === '*') return true;
    if (index >= path.length) return false;
    if (!segment.startsWith(':') && segment !== path[index].toLowerCase()) return false;
  }
  return pattern.length === path.length;
}

/**
 * A method a known path does not have is 405 with `Allow` (RFC 9110 §15.5.6); an unknown path
 * stays 404 (API.md §1.10). Fastify answers both with its not-found handler and offers no
 * lookup of a concrete URL across methods, so the routes are collected as they are added and
 * matched here, only for requests no route took: segment by segment, case-insensitively like
 * the router (`caseSensitive: false`), trailing slashes ignored. The catch-all `OPTIONS *` of
 * the CORS plugin does not make every path known.
 */
export function registerMethodNotAllowed(fastify: FastifyInstance): void {
  const routes: Array<{ pattern: Pattern; methods: string[] }> = [];
  fastify.addHook('onRoute', (route) => {
    if (route.url === '*' || route.url === '/*') return;
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).map((method) => method.toUpperCase());
    routes.push({ pattern: segments(route.url.toLowerCase()), methods });
  });

  const allowedMethods = (request: FastifyRequest): string[] => {
    const path = segments(request.url);
    const methods = new Set<string>();
    for (const route of routes) if (matches(route.pattern, path)) route.methods.forEach((method) => methods.add(method));
    return [...methods].sort();
  };

  const refuseUnknownMethod = (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    if (!request.is404) return done();
    const allow = allowedMethods(request);
    if (allow.length === 0 || allow.includes(request.method)) return done();
    done(
      new ProblemException({
        status: 405,
        detail: `${request.method} is not allowed here; this path allows ${allow.join(', ')}.`,
        headers: { Allow: allow.join(', ') },
      }),
    );
  };
  // onRequest: before the body is parsed, so a 405 does not depend on it. preHandler: requests
  // that reach the not-found handler through `reply.callNotFound()` (the CORS plugin's
  // `OPTIONS *` for a preflight it did not answer) run only the preHandler hooks there.
  fastify.addHook('onRequest', refuseUnknownMethod);
  fastify.addHook('preHandler', refuseUnknownMethod);
}
