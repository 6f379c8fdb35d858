import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DatabaseIncidents } from '../../database/database-incidents';
import { formatForError } from './content-negotiation';
import { databaseUnavailable, isDatabaseUnavailable } from './database-unavailable';
import { loggableError } from './loggable-error';
import { ProblemException, ProblemInit } from './problem.exception';
import { PROBLEM_CONTENT_TYPE, problemDocument } from './problem-document';
import { PROBLEM_SHAPE } from './xml/document-shapes';
import { xmlDocument } from './xml/xml-writer';

const GENERIC_500 = 'The server could not complete the request. Quote the requestId when reporting it.';

/**
 * Turns every error, ours, Nest's, Fastify's (body too large, unsupported media type, bad JSON, unknown route)
 * and unexpected ones, into an RFC 9457 problem. The database being unavailable or too slow is
 * 503 with Retry-After, logged once per incident (DatabaseIncidents, provided by HealthModule).
 * Other unexpected errors are 500 and logged with the request id; their message never reaches
 * the client.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(private readonly databaseIncidents: DatabaseIncidents) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const instance = (request.url ?? '').split('?')[0];
    const requestId = String(request.id ?? '');

    if (exception instanceof ProblemException) {
      this.sendProblem(request, reply, exception.problem, { instance, requestId });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      this.send(request, reply, problemDocument({ status, detail: detailOf(exception, status), instance, requestId }));
      return;
    }
    if (isDatabaseUnavailable(exception)) {
      this.databaseIncidents.refused(exception);
      this.sendProblem(request, reply, databaseUnavailable(this.databaseIncidents.timeoutMs), { instance, requestId });
      return;
    }
    this.logger.error({ err: loggableError(exception), requestId }, 'Unhandled error');
    this.send(request, reply, problemDocument({ status: 500, detail: GENERIC_500, instance, requestId }));
  }

  private sendProblem(request: FastifyRequest, reply: FastifyReply, init: ProblemInit, where: { instance: string; requestId: string }): void {
    const { headers, ...problem } = init;
    for (const [name, value] of Object.entries(headers ?? {})) reply.header(name, value);
    this.send(request, reply, problemDocument({ ...problem, ...where }));
  }

  /** Problems follow the negotiated format too (seed 002 asks for XML on every response). */
  private send(request: FastifyRequest, reply: FastifyReply, body: ReturnType<typeof problemDocument>): void {
    void reply.status(body.status);
    if (formatForError(request).kind === 'xml') {
      void reply.header('Content-Type', 'application/problem+xml; charset=utf-8').send(xmlDocument('problem', body, PROBLEM_SHAPE));
      return;
    }
    void reply.header('Content-Type', PROBLEM_CONTENT_TYPE).send(body);
  }
}

/** Nest's built-in exceptions keep their message; a 404 always says the same thing. */
function detailOf(exception: HttpException, status: number): string {
  if (status === 404) return 'Not found.';
  if (status >= 500) return GENERIC_500;
  return exception.message;
}

