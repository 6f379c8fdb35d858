import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { preconditionsOf } from '../concurrency/preconditions';
import { callerOf } from '../http/caller';
import { dryRunOf } from '../http/dry-run.decorator';
import { patchBodyOf } from '../patch/patch-body.decorator';
import type { RecordWriteInput, WriteInput } from './resource.service';

/**
 * A write door's whole input as one route parameter. Nest runs the global pipes on every
 * parameter, each in its own awaited promise chain: six parameters (caller, id, body,
 * preconditions, dryRun, companyId) were 1.4 % of a merge PATCH's CPU (bench profile).
 * `companyId` is read as ValidationPipe turns a `@Query('companyId') string` into one (its
 * `String(value)`): a repeated parameter reads `a,b`, which no company id is.
 */
function writeInputOf(request: FastifyRequest): WriteInput {
  const companyId = (request.query as Record<string, string | string[] | undefined>).companyId;
  return {
    caller: callerOf(request),
    companyId: Array.isArray(companyId) ? companyId.join(',') : companyId,
    dryRun: dryRunOf(request),
    preconditions: preconditionsOf(request),
    body: patchBodyOf(request),
  };
}

const httpRequest = (context: ExecutionContext) => context.switchToHttp().getRequest<FastifyRequest>();

/** The input of a door that names its record in the body (seed 004's PATCH). */
export const WriteInputOf = createParamDecorator((_data: unknown, context: ExecutionContext): WriteInput => writeInputOf(httpRequest(context)));

/** The input of a door on `:id` (PATCH, seed 003's PUT), with the record's id from the path. */
export const RecordWriteOf = createParamDecorator((_data: unknown, context: ExecutionContext): RecordWriteInput => {
  const request = httpRequest(context);
  return Object.assign(writeInputOf(request), { id: (request.params as { id: string }).id });
});
