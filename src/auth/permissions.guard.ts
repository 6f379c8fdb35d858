import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { MemoizedReflector } from '../common/http/memoized-reflector';
import { forbidden } from '../common/http/problem.exception';
import { Actor, hasScope, Role, Scope } from './actor';
import { REQUIRED_ROLES, REQUIRED_SCOPE } from './auth.decorators';

/** Global guard after authentication: checks `@RequireScope` and `@RequireRole` (403). */
@Injectable()
export class PermissionsGuard implements CanActivate {
  private readonly reflector = new MemoizedReflector();

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    const scope = this.reflector.getAllAndOverride<Scope | undefined>(REQUIRED_SCOPE, targets);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (!scope && !roles) return true;

    const actor = context.switchToHttp().getRequest<FastifyRequest & { user?: Actor }>().user;
    if (!actor) return true; // public route: nothing to check against
    if (scope && !hasScope(actor, scope)) throw forbidden(`The token lacks the scope "${scope}".`);
    if (roles && !roles.includes(actor.role)) {
      throw forbidden(`This operation needs the role ${roles.join(' or ')}.`);
    }
    return true;
  }
}
