import { applyDecorators, createParamDecorator, ExecutionContext, Type } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AnswerInLanguage, DocumentLocalizer } from '../common/resource/answer-language';
import { LANGUAGE_PARAMETERS } from './content-language.openapi';
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
 * The one declaration of which routes these are: their OpenAPI operations get the language
 * headers here, and documentReferenceLanguages finds them by those.
 */
export const ReferenceNamesInLanguage = (localizer?: Type<DocumentLocalizer<Language>>) =>
  applyDecorators(AnswerInLanguage({ vary: LANGUAGE_VARY, choose: chooseLanguage, localizer }), ...LANGUAGE_PARAMETERS.map((header) => ApiHeader(header)));
