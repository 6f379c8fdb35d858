import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';
import { ResourcePage, ResourceResponse } from '../resource/resource-response';
import { etagOf } from './preconditions';

function prefersMinimal(request: FastifyRequest): boolean {
  const prefer = request.headers.prefer;
  return typeof prefer === 'string' && /(^|[,;\s])return=minimal(\s*($|[,;]))/i.test(prefer);
}

/**
 * Turns a ResourceResponse into the HTTP answer: ETag and Last-Modified on every record,
 * 201 + Location for creates, and `Prefer: return=minimal` on PATCH/PUT as 204 with
 * `Preference-Applied` (API.md §1.4).
 */
@Injectable()
export class ResourceHeadersInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(
      map((result: unknown) => {
        if (result instanceof ResourcePage) return { items: result.items, nextCursor: result.nextCursor };
        if (!(result instanceof ResourceResponse)) return result;

        const { version, updatedAt, created } = result.options;
        if (version !== undefined) void reply.header('ETag', etagOf(version));
        if (updatedAt) void reply.header('Last-Modified', updatedAt.toUTCString());
        if (created) void reply.status(201).header('Location', created.location);
        if ((request.method === 'PATCH' || request.method === 'PUT') && prefersMinimal(request)) {
          void reply.status(204).header('Preference-Applied', 'return=minimal');
          return undefined;
        }
        return result.document;
      }),
    );
  }
}
