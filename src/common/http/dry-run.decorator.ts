import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { badRequest } from './problem.exception';

/** `?dryRun=true`: validate and answer, store nothing (API.md §1.4). */
export function dryRunOf(request: FastifyRequest): boolean {
  const raw = (request.query as Record<string, unknown>).dryRun;
  if (raw === undefined || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1' || raw === '') return true;
  throw badRequest('dryRun must be true or false.', [{ pointer: '/dryRun', detail: 'must be true or false' }]);
}

export const DryRun = createParamDecorator((_data: unknown, context: ExecutionContext): boolean =>
  dryRunOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
