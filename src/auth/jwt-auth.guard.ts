import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { MemoizedReflector } from '../common/http/memoized-reflector';
import { Actor } from './actor';
import { IS_PUBLIC } from './auth.decorators';
import { INVALID_TOKEN, MISSING_CREDENTIALS, unauthorized } from './unauthorized';

/** Global guard: every route needs a valid bearer token unless marked `@Public()`. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  private readonly reflector = new MemoizedReflector();

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    return isPublic ? true : super.canActivate(context);
  }

  override handleRequest<T = Actor>(error: unknown, actor: T, _info: unknown, context: ExecutionContext): T {
    if (actor && !error) return actor;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    throw unauthorized(request.headers.authorization ? INVALID_TOKEN : MISSING_CREDENTIALS);
  }
}
