import { CallHandler, ExecutionContext, Injectable, NestInterceptor, Type } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';
import { IdempotencyInterceptor } from '../../idempotency/idempotency.interceptor';
import { IDEMPOTENT_ROUTE } from '../../idempotency/idempotent.decorator';
import { ifNoneMatchHits } from '../concurrency/if-none-match';
import { etagOf } from '../concurrency/preconditions';
import { negotiateFormat, ResponseFormat } from '../http/content-negotiation';
import { MemoizedReflector } from '../http/memoized-reflector';
import { XML_DOCUMENT, XmlDocumentOptions } from '../http/xml/xml-document.decorator';
import { DATA, pageShape, resourceShape } from '../http/xml/xml-shape';
import { xmlDocument } from '../http/xml/xml-writer';
import { parseTimeZone } from '../http/time-zone';
import { isZoneRenderable } from '../http/zone-renderable';
import { parseSelect, project, Selection } from '../select/select';
import { renderDateTimes } from './date-times';
import { ResourceSchema, resourceSchema } from './resource-registry';
import { ResourcePage, ResourceResponse } from './resource-response';
import { RESOURCE_TYPE } from './resource-type.decorator';

/** What the request asks of its answer, read and checked before the handler runs. */
interface AnswerOptions {
  format: ResponseFormat;
  zone?: string;
  selection?: Selection;
  /** The routes' resource class (absent on non-resource routes). */
  type?: Type;
  schema?: ResourceSchema;
}

/**
 * Shapes every answer (API.md §1.4, §1.5, §1.9; seed 002's XML). One interceptor rather than
 * one per concern: Nest wraps each interceptor in its own AsyncResource and Observable per
 * request, which cost about 5 % of a PATCH's CPU for four of them.
 *
 * Before the handler runs, the request's own options are checked, so a write is never stored
 * and then refused: `Accept` (406), `Time-Zone`/`SO-TimeZone` (400), `$select`/`select` (400).
 * On routes marked @Idempotent, Idempotency-Key runs next, inside this (IdempotencyInterceptor).
 * The answer then passes `$select` → Time-Zone → ETag, Last-Modified, 304 for a matching
 * `If-None-Match`, 201 + Location and `Prefer: return=minimal` → XML (root and shape: xmlDocumentOf).
 */
@Injectable()
export class ResponseShapingInterceptor implements NestInterceptor {
  private readonly reflector = new MemoizedReflector();

  constructor(private readonly idempotency: IdempotencyInterceptor) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const options = this.answerOptions(request, this.reflector.get<Type | undefined>(RESOURCE_TYPE, context.getClass()));
    const idempotent = this.reflector.get<boolean | undefined>(IDEMPOTENT_ROUTE, context.getHandler());
    const answer = idempotent ? this.idempotency.intercept(context, next) : next.handle();
    return answer.pipe(
      map((result: unknown) => {
        const shaped = inZone(options, select(options, result));
        const body = toHttp(request, reply, shaped);
        if (options.format.kind === 'json' || body === undefined) return body; // undefined: 204
        void reply.header('Content-Type', `${options.format.mediaType}; charset=utf-8`);
        const { root, shape } = this.xmlDocumentOf(context, options, shaped instanceof ResourcePage);
        return xmlDocument(root, body, shape);
      }),
    );
  }

  /**
   * Root element and shape (API.md §1.9): a resource's from the field registry, a route's own
   * from @XmlDocument, else `<Response>` whose keys are all entries.
   */
  private xmlDocumentOf(context: ExecutionContext, { schema, type }: AnswerOptions, isPage: boolean): XmlDocumentOptions {
    if (type && schema) {
      const root = type.name.replace(/Resource$/, '');
      return isPage ? { root: `${root}List`, shape: pageShape(resourceShape(schema)) } : { root, shape: resourceShape(schema) };
    }
    const declared = this.reflector.getAllAndOverride<XmlDocumentOptions | undefined>(XML_DOCUMENT, [context.getHandler(), context.getClass()]);
    return declared ?? { root: 'Response', shape: DATA };
  }

  private answerOptions(request: FastifyRequest, type: Type | undefined): AnswerOptions {
    const format = negotiateFormat(request);
    const { headers } = request;
    const zone = parseTimeZone(firstHeader(headers['time-zone']) ?? firstHeader(headers['so-timezone']));
    const schema = type ? resourceSchema(type) : undefined;
    const query = request.query as Record<string, string | undefined>;
    const rawSelect = query.$select ?? query.select;
    const selection = schema && rawSelect !== undefined ? parseSelect(schema, rawSelect) : undefined;
    return { format, zone, selection, type, schema };
  }
}

/** `$select` on a record or on each record of a page. */
function select({ schema, selection }: AnswerOptions, result: unknown): unknown {
  if (!schema || !selection) return result;
  if (result instanceof ResourceResponse) return new ResourceResponse(project(schema, result.document, selection), result.options);
  if (result instanceof ResourcePage) {
    return new ResourcePage(result.items.map((item) => project(schema, item, selection)), result.nextCursor);
  }
  return result;
}

/** Date-times of records (by their schema) and of other zone-aware answers, in the asked zone. */
function inZone({ schema, zone }: AnswerOptions, result: unknown): unknown {
  if (!zone) return result;
  if (schema && result instanceof ResourceResponse) {
    return new ResourceResponse(renderDateTimes(schema, result.document, zone), result.options);
  }
  if (schema && result instanceof ResourcePage) {
    return new ResourcePage(result.items.map((item) => renderDateTimes(schema, item, zone)), result.nextCursor);
  }
  return isZoneRenderable(result) ? result.inZone(zone) : result;
}

/** A record's stamps as headers, 201 for creates, 204 for `Prefer: return=minimal` writes. */
function toHttp(request: FastifyRequest, reply: FastifyReply, result: unknown): unknown {
  if (result instanceof ResourcePage) return { items: result.items, nextCursor: result.nextCursor };
  if (!(result instanceof ResourceResponse)) return result;

  const { version, updatedAt, created } = result.options;
  if (version !== undefined) void reply.header('ETag', etagOf(version));
  if (updatedAt) void reply.header('Last-Modified', updatedAt.toUTCString());
  const isRead = request.method === 'GET' || request.method === 'HEAD';
  if (isRead && version !== undefined && ifNoneMatchHits(request.headers['if-none-match'], etagOf(version))) {
    void reply.status(304); // API.md §1.12: the client's copy is current
    return undefined;
  }
  if (created) void reply.status(201).header('Location', created.location);
  if ((request.method === 'PATCH' || request.method === 'PUT') && prefersMinimal(request)) {
    void reply.status(204).header('Preference-Applied', 'return=minimal');
    return undefined;
  }
  return result.document;
}

function prefersMinimal(request: FastifyRequest): boolean {
  const prefer = request.headers.prefer;
  return typeof prefer === 'string' && /(^|[,;\s])return=minimal(\s*($|[,;]))/i.test(prefer);
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
