import { CallHandler, ExecutionContext, Injectable, NestInterceptor, Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';
import { renderDateTimes } from '../resource/date-times';
import { ResourcePage, ResourceResponse } from '../resource/resource-response';
import { resourceSchema } from '../resource/resource-registry';
import { RESOURCE_TYPE } from '../resource/resource-type.decorator';
import { parseTimeZone } from './time-zone';
import { isZoneRenderable } from './zone-renderable';

/**
 * `Time-Zone: Europe/Helsinki` (also seed 002's `SO-TimeZone`) renders every date-time of the
 * response in that IANA zone with its offset (API.md §1.9). An unknown zone is 400, checked
 * before the handler runs so a write is not stored and then refused.
 */
@Injectable()
export class TimeZoneInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { headers } = context.switchToHttp().getRequest<FastifyRequest>();
    const zone = parseTimeZone(firstHeader(headers['time-zone']) ?? firstHeader(headers['so-timezone']));
    if (!zone) return next.handle();
    const type = this.reflector.get<Type | undefined>(RESOURCE_TYPE, context.getClass());
    const schema = type ? resourceSchema(type) : undefined;

    return next.handle().pipe(
      map((result: unknown) => {
        if (schema && result instanceof ResourceResponse) {
          return new ResourceResponse(renderDateTimes(schema, result.document, zone), result.options);
        }
        if (schema && result instanceof ResourcePage) {
          return new ResourcePage(result.items.map((item) => renderDateTimes(schema, item, zone)), result.nextCursor);
        }
        return isZoneRenderable(result) ? result.inZone(zone) : result;
      }),
    );
  }
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
