import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { shapeAnswer } from './answer-shaping';

/**
 * Nest's Fastify adapter, shaping each handler's answer (shapeAnswer) on its way to
 * `reply.send`. `reply` is where Nest hands every route's result to Fastify, after the
 * handler and never for errors (ProblemDetailsFilter sends those itself), so this is the one
 * place every answer passes without a Nest interceptor's per-request rxjs chain. Answers of
 * requests that AnswerOptionsGuard did not see (none reach here today) go out unchanged.
 */
export class AnswerShapingAdapter extends FastifyAdapter {
  override reply(response: Parameters<FastifyAdapter['reply']>[0], body: unknown, statusCode?: number): ReturnType<FastifyAdapter['reply']> {
    // A Fastify reply has its request; a raw Node.js response (which Nest also accepts) has none.
    const { request } = response as Partial<FastifyReply>;
    const options = request?.answerOptions;
    return super.reply(response, options ? shapeAnswer(request, response as FastifyReply, options, body) : body, statusCode);
  }
}
