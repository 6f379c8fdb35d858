import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { isUUID } from 'class-validator';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.provider';
import { Actor, Role, ROLES } from './actor';
import { INVALID_TOKEN, unauthorized } from './unauthorized';

interface TokenClaims {
  sub?: unknown;
  companyId?: unknown;
  role?: unknown;
  scope?: unknown;
  exp?: unknown;
}

/**
 * Verifies `Authorization: Bearer` tokens: the one configured algorithm only (so `none` and
 * algorithm swaps fail), signature, `exp` (required) and `nbf` with the configured leeway,
 * and issuer/audience when configured. Then the claims the service relies on must be present.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { jwt } = config;
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: jwt.verifyKey,
      algorithms: [jwt.algorithm],
      issuer: jwt.issuer,
      audience: jwt.audience,
      ignoreExpiration: false,
      jsonWebTokenOptions: { clockTolerance: jwt.clockToleranceSeconds },
    });
  }

  validate(claims: TokenClaims): Actor {
    const { sub, companyId, role, scope, exp } = claims;
    if (
      typeof exp !== 'number' ||
      typeof sub !== 'string' ||
      sub.length === 0 ||
      typeof companyId !== 'string' ||
      !isUUID(companyId) ||
      !ROLES.includes(role as Role) ||
      (scope !== undefined && typeof scope !== 'string')
    ) {
      throw unauthorized(INVALID_TOKEN);
    }
    return {
      sub,
      companyId: companyId.toLowerCase(),
      role: role as Role,
      scopes: new Set(typeof scope === 'string' ? scope.split(' ').filter(Boolean) : []),
    };
  }
}
