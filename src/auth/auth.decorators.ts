import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Actor, Role, Scope } from './actor';

export const IS_PUBLIC = 'auth:public';
export const REQUIRED_SCOPE = 'auth:scope';
export const REQUIRED_ROLES = 'auth:roles';

/** The route needs no token (health, docs, the token endpoint). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The token must carry this scope (`x:write` also satisfies `x:read`). */
export const RequireScope = (scope: Scope) => SetMetadata(REQUIRED_SCOPE, scope);

/** The token's role must be one of these. */
export const RequireRole = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** Injects the authenticated caller. */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor =>
    context.switchToHttp().getRequest<FastifyRequest & { user: Actor }>().user,
);
