import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { PatchBody as PatchBodyValue } from './patch-request';

/**
 * The raw PATCH body with its Content-Type, unvalidated: the pipeline reads it only after the
 * record is known to be visible (a hidden record is 404 whatever the body).
 */
export function patchBodyOf(request: FastifyRequest): PatchBodyValue {
  return { contentType: request.headers['content-type'], payload: request.body };
}

export const PatchBody = createParamDecorator(
  (_data: unknown, context: ExecutionContext): PatchBodyValue => patchBodyOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
