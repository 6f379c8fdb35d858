import { createParamDecorator, ExecutionContext, Type } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AnswerInLanguage, DocumentLocalizer } from '../common/resource/answer-language';
import { chooseLanguage, Language } from './languages';

/** The request headers a reference name depends on (API.md §3). */
export const LANGUAGE_VARY = ['Accept-Language', 'SO-Language'];

/** The language of this request's reference names, for handlers that produce names themselves. */
export const ReferenceLanguage = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Language => chooseLanguage(context.switchToHttp().getRequest<FastifyRequest>().headers),
);

/**
 * For controllers whose answers carry reference names: a successful answer says its language
 * (`Content-Language`) and that it varies by both language headers; `localizer` translates the
 * names of its records, else the handler answers in the language itself (@ReferenceLanguage).
 */
export const ReferenceNamesInLanguage = (localizer?: Type<DocumentLocalizer<Language>>) =>
  AnswerInLanguage({ vary: LANGUAGE_VARY, choose: chooseLanguage, localizer });
