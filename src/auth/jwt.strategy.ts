import { createPublicKey, createSecretKey, KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { isUUID } from 'class-validator';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.provider';
import { Actor, Role, ROLES } from './actor';
import { INVALID_TOKEN, unauthorized } from './unauthorized';

function verificationKey(jwt: AppConfig['jwt']): KeyObject {
  return jwt.algorithm === 'HS256' ? createSecretKey(Buffer.from(jwt.verifyKey, 'utf8')) : createPublicKey(jwt.verifyKey);
}

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
      // A prepared KeyObject: given a string, jsonwebtoken first tries to parse it as a PEM
      // public key on every request before treating it as a secret (a fifth of the CPU of a PATCH).
      secretOrKey: verificationKey(jwt) as unknown as string,
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
