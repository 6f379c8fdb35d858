import { CanActivate, ExecutionContext, Injectable, Type } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { MemoizedReflector } from '../http/memoized-reflector';
import { XML_DOCUMENT, XmlDocumentOptions } from '../http/xml/xml-document.decorator';
import { readAnswerOptions } from './answer-options';
import { RESOURCE_TYPE } from './resource-type.decorator';

/**
 * The last global guard: checks what the request asks of its answer before the handler runs,
 * so a write is never stored and then refused (406 for `Accept`, 400 for Time-Zone or
 * `$select`), and leaves the options on the request for AnswerShapingAdapter.
 *
 * A guard rather than a Nest interceptor: Nest runs an interceptor through an AsyncResource
 * and an rxjs chain per request (about 6 % of a PATCH's CPU); a guard is one plain call.
 */
@Injectable()
export class AnswerOptionsGuard implements CanActivate {
  private readonly reflector = new MemoizedReflector();

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const type = this.reflector.get<Type | undefined>(RESOURCE_TYPE, context.getClass());
    const xml = this.reflector.getAllAndOverride<XmlDocumentOptions | undefined>(XML_DOCUMENT, [context.getHandler(), context.getClass()]);
    request.answerOptions = readAnswerOptions(request, type, xml);
    return true;
  }
}
