import { CallHandler, ExecutionContext, Injectable, NestInterceptor, Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';
import { ResourcePage, ResourceResponse } from '../resource/resource-response';
import { resourceSchema } from '../resource/resource-registry';
import { RESOURCE_TYPE } from '../resource/resource-type.decorator';
import { parseSelect, project } from './select';

/**
 * `$select` (also `select`) for every resource route, GET, PATCH, PUT and lists (API.md §1.5).
 * Parsed before the handler runs, so a bad $select refuses a write before anything is stored.
 */
@Injectable()
export class SelectInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const type = this.reflector.get<Type | undefined>(RESOURCE_TYPE, context.getClass());
    const query = context.switchToHttp().getRequest<FastifyRequest>().query as Record<string, string | undefined>;
    const raw = query.$select ?? query.select;
    if (!type || raw === undefined) return next.handle();

    const schema = resourceSchema(type);
    const selection = parseSelect(schema, raw);
    return next.handle().pipe(
      map((result: unknown) => {
        if (result instanceof ResourceResponse) {
          return new ResourceResponse(project(schema, result.document, selection), result.options);
        }
        if (result instanceof ResourcePage) {
          return new ResourcePage(result.items.map((item) => project(schema, item, selection)), result.nextCursor);
        }
        return result;
      }),
    );
  }
}
