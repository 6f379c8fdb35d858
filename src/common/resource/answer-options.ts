import { Type } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { negotiateFormat, ResponseFormat } from '../http/content-negotiation';
import { parseTimeZone } from '../http/time-zone';
import { XmlDocumentOptions } from '../http/xml/xml-document.decorator';
import { parseSelect, Selection } from '../select/select';
import { AnswerLanguage } from './answer-language';
import { ResourceSchema, resourceSchema } from './resource-registry';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by AnswerOptionsGuard before the handler runs; read when its answer is shaped. */
    answerOptions?: AnswerOptions;
  }
}

/** What the request asks of its answer, and what the route declares about it. */
export interface AnswerOptions {
  format: ResponseFormat;
  zone?: string;
  selection?: Selection;
  /** The route's resource class (absent on non-resource routes). */
  type?: Type;
  schema?: ResourceSchema;
  /** A non-resource route's XML root and shape (@XmlDocument). */
  xml?: XmlDocumentOptions;
  /** The answer's language, on routes that declare one (@AnswerInLanguage). */
  language?: AnswerLanguage;
}

/**
 * Reads and checks the request's own options: `Accept` (406), `Time-Zone`/`SO-TimeZone`
 * (400), `$select`/`select` (400, resource routes only). Throws the problem for the first bad one.
 */
export function readAnswerOptions(request: FastifyRequest, type: Type | undefined, xml: XmlDocumentOptions | undefined): AnswerOptions {
  const format = negotiateFormat(request);
  const { headers } = request;
  const zone = parseTimeZone(firstHeader(headers['time-zone']) ?? firstHeader(headers['so-timezone']));
  const schema = type ? resourceSchema(type) : undefined;
  const query = request.query as Record<string, string | undefined>;
  const rawSelect = query.$select ?? query.select;
  const selection = schema && rawSelect !== undefined ? parseSelect(schema, rawSelect) : undefined;
  return { format, zone, selection, type, schema, xml };
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
