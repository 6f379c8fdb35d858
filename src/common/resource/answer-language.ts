import { SetMetadata, Type } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import type { JsonObject } from '../patch/json-value';

export const ANSWER_LANGUAGE = Symbol('answer-language');

/** Translates a record for its answer: presentation only, the stored document stays as it is. */
export interface DocumentLocalizer<L extends string = string> {
  localize(document: JsonObject, language: L): JsonObject;
}

/** How a route's answers depend on the request's language (@AnswerInLanguage). */
export interface AnswerLanguageRule<L extends string = string> {
  /** The request headers that choose the language: the answer's Vary. */
  vary: readonly string[];
  choose(headers: IncomingHttpHeaders): L;
  /** A provider that translates the handler's records; absent when the handler answers in the language itself. */
  localizer?: Type<DocumentLocalizer<L>>;
}

/** The language of one request's answer: AnswerOptionsGuard reads it, shapeAnswer applies it. */
export interface AnswerLanguage {
  tag: string;
  vary: readonly string[];
  localize?: (document: JsonObject) => JsonObject;
}

/**
 * A controller whose successful answers are in the request's language: they carry
 * Content-Language and Vary, and their records go through the rule's localizer before
 * `$select`, Time-Zone and XML. Declared as route metadata rather than a Nest interceptor,
 * which costs an AsyncResource and an rxjs chain per request (about 10 % of a Contacts PATCH's CPU).
 */
export const AnswerInLanguage = <L extends string>(rule: AnswerLanguageRule<L>) => SetMetadata(ANSWER_LANGUAGE, rule);
