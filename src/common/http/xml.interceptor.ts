import { CallHandler, ExecutionContext, Injectable, NestInterceptor, Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';
import { RESOURCE_TYPE } from '../resource/resource-type.decorator';
import { negotiateFormat, toXml } from './content-negotiation';

/** Root element for a resource class: `ContactResource` -> `Contact`. */
export function xmlRootFor(type: Type | undefined): string {
  return type ? type.name.replace(/Resource$/, '') : 'Response';
}

/**
 * Content negotiation for every route (seed 002): `Accept: application/xml` or `text/xml`
 * answers the same body as XML; an Accept the service cannot produce is 406, decided before
 * the handler runs. Runs outermost, on the final body.
 */
@Injectable()
export class XmlInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const format = negotiateFormat(http.getRequest<FastifyRequest>());
    if (format.kind === 'json') return next.handle();
    const root = xmlRootFor(this.reflector.get<Type | undefined>(RESOURCE_TYPE, context.getClass()));
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body: unknown) => {
        if (body === undefined) return body; // 204
        const isPage = typeof body === 'object' && body !== null && 'items' in body && 'nextCursor' in body;
        void reply.header('Content-Type', `${format.mediaType}; charset=utf-8`);
        return toXml(isPage ? `${root}List` : root, body);
      }),
    );
  }
}
