import type { FastifyReply, FastifyRequest } from 'fastify';
import { ifNoneMatchHits } from '../concurrency/if-none-match';
import { etagOf } from '../concurrency/preconditions';
import { addVary } from '../http/vary';
import { XmlDocumentOptions } from '../http/xml/xml-document.decorator';
import { DATA, pageShape, resourceShape } from '../http/xml/xml-shape';
import { xmlDocument } from '../http/xml/xml-writer';
import { isZoneRenderable } from '../http/zone-renderable';
import { project } from '../select/select';
import { AnswerOptions } from './answer-options';
import { renderDateTimes } from './date-times';
import { ResourcePage, ResourceResponse } from './resource-response';

/**
 * A handler's answer as the request asked for it (API.md §1.4, §1.5, §1.9, §1.12, §1.13, §3;
 * seed 002's XML): language → `$select` → Time-Zone → ETag, Last-Modified, 304 for a matching
 * `If-None-Match`, 201 + Location, `Idempotent-Replayed`, `Prefer: return=minimal` → XML.
 * Returns the body to send (undefined: none, for 204 and 304).
 */
export function shapeAnswer(request: FastifyRequest, reply: FastifyReply, options: AnswerOptions, result: unknown): unknown {
  const shaped = inZone(options, select(options, inLanguage(reply, options, result)));
  const body = toHttp(request, reply, shaped);
  if (options.format.kind === 'json' || body === undefined) return body;
  void reply.header('Content-Type', `${options.format.mediaType}; charset=utf-8`);
  const { root, shape } = xmlDocumentOf(options, shaped instanceof ResourcePage);
  return xmlDocument(root, body, shape);
}

/**
 * Root element and shape (API.md §1.9): a resource's from the field registry, a route's own
 * from @XmlDocument, else `<Response>` whose keys are all entries.
 */
function xmlDocumentOf({ schema, type, xml }: AnswerOptions, isPage: boolean): XmlDocumentOptions {
  if (type && schema) {
    const root = type.name.replace(/Resource$/, '');
    return isPage ? { root: `${root}List`, shape: pageShape(resourceShape(schema)) } : { root, shape: resourceShape(schema) };
  }
  return xml ?? { root: 'Response', shape: DATA };
}

/**
 * Content-Language and Vary on routes whose answers are in the request's language, and their
 * records translated. At answer time, so an idempotent replay is in the replaying request's language.
 */
function inLanguage(reply: FastifyReply, { language }: AnswerOptions, result: unknown): unknown {
  if (!language) return result;
  void reply.header('Content-Language', language.tag);
  addVary(reply, language.vary);
  const { localize } = language;
  if (!localize) return result;
  if (result instanceof ResourceResponse) return new ResourceResponse(localize(result.document), result.options);
  if (result instanceof ResourcePage) return new ResourcePage(result.items.map(localize), result.nextCursor);
  return result;
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

  const { version, updatedAt, created, replayed } = result.options;
  if (version !== undefined) void reply.header('ETag', etagOf(version));
  if (updatedAt) void reply.header('Last-Modified', updatedAt.toUTCString());
  if (replayed) void reply.header('Idempotent-Replayed', 'true');
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
