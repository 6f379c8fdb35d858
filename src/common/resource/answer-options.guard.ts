import { CanActivate, ExecutionContext, Injectable, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { MemoizedReflector } from '../http/memoized-reflector';
import { XML_DOCUMENT, XmlDocumentOptions } from '../http/xml/xml-document.decorator';
import { ANSWER_LANGUAGE, AnswerLanguage, AnswerLanguageRule, DocumentLocalizer } from './answer-language';
import { readAnswerOptions } from './answer-options';
import { RESOURCE_TYPE } from './resource-type.decorator';

/**
 * The last global guard: checks what the request asks of its answer before the handler runs,
 * so a write is never stored and then refused (406 for `Accept`, 400 for Time-Zone or
 * `$select`), and leaves the options on the request for AnswerShapingAdapter, with the
 * answer's language where the controller declares one (@AnswerInLanguage).
 *
 * A guard rather than a Nest interceptor: Nest runs an interceptor through an AsyncResource
 * and an rxjs chain per request (about 6 % of a PATCH's CPU); a guard is one plain call.
 */
@Injectable()
export class AnswerOptionsGuard implements CanActivate {
  private readonly reflector = new MemoizedReflector();
  private readonly localizers = new Map<Type<DocumentLocalizer>, DocumentLocalizer>();

  constructor(private readonly modules: ModuleRef) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const type = this.reflector.get<Type | undefined>(RESOURCE_TYPE, context.getClass());
    const xml = this.reflector.getAllAndOverride<XmlDocumentOptions | undefined>(XML_DOCUMENT, [context.getHandler(), context.getClass()]);
    const language = this.reflector.get<AnswerLanguageRule | undefined>(ANSWER_LANGUAGE, context.getClass());
    const options = readAnswerOptions(request, type, xml);
    if (language) options.language = this.languageOf(language, request);
    request.answerOptions = options;
    return true;
  }

  private languageOf({ vary, choose, localizer }: AnswerLanguageRule, request: FastifyRequest): AnswerLanguage {
    const tag = choose(request.headers);
    if (!localizer) return { tag, vary };
    const translator = this.localizer(localizer);
    return { tag, vary, localize: (document) => translator.localize(document, tag) };
  }

  private localizer(type: Type<DocumentLocalizer>): DocumentLocalizer {
    const known = this.localizers.get(type);
    if (known) return known;
    // The localizer is a provider of the controller's own module, not of the one holding this guard.
    const instance = this.modules.get(type, { strict: false });
    this.localizers.set(type, instance);
    return instance;
  }
}
