import { LogController } from 'fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { loggableError } from './loggable-error';

/**
 * One log line per request, on completion, with the request id (Fastify binds it as `reqId`),
 * method, path, status and time. Headers, query strings and bodies are never logged: they
 * carry tokens, secrets and personal data.
 *
 * Logging uses Fastify's own pino logger rather than nestjs-pino: the latter keeps the request
 * in an AsyncLocalStorage, whose hooks cost about a third of the CPU of a read here.
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {
    // the completion line says everything needed
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      path: request.url.split('?')[0],
      statusCode: reply.statusCode,
      responseTime: reply.elapsedTime,
    };
    if (error) reply.log.error({ ...line, err: loggableError(error) }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
