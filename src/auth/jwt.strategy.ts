import { createPublicKey, createSecretKey, KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { LRUCache } from 'lru-cache';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { isUUID } from 'class-validator';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.provider';
import { Actor, Role, ROLES } from './actor';
import { credentialDigest } from './bearer-token';
import { INVALID_TOKEN, unauthorized } from './unauthorized';

function verificationKey(jwt: AppConfig['jwt']): KeyObject {
  return jwt.algorithm === 'HS256' ? createSecretKey(Buffer.from(jwt.verifyKey, 'utf8')) : createPublicKey(jwt.verifyKey);
}

/** passport's types call it an Express request; what it reads (headers) a Fastify one has too. */
type PassportRequest = Parameters<Strategy['authenticate']>[0];

/** A token whose signature and claims passed, until its `exp` (plus the configured leeway). */
interface VerifiedToken {
  actor: Actor;
  validUntilMs: number;
}

/** Distinct tokens remembered at once; the least recently used is forgotten first. */
const VERIFIED_TOKENS = 10_000;

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
 *
 * A token that passed is remembered until it expires: verifying the same string with the
 * same key can only give the same answer, and clients send the same token with every
 * request (verifying it again was 5 % of a PATCH's CPU). Only `exp` is checked again. The
 * memory is keyed by the header's digest, so it holds no usable credential.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly verified = new LRUCache<string, VerifiedToken>({ max: VERIFIED_TOKENS });
  private readonly leewayMs: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { jwt } = config;
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      passReqToCallback: true,
      // A prepared KeyObject: given a string, jsonwebtoken first tries to parse it as a PEM
      // public key on every request before treating it as a secret (a fifth of the CPU of a PATCH).
      secretOrKey: verificationKey(jwt) as unknown as string,
      algorithms: [jwt.algorithm],
      issuer: jwt.issuer,
      audience: jwt.audience,
      ignoreExpiration: false,
      jsonWebTokenOptions: { clockTolerance: jwt.clockToleranceSeconds },
    });
    this.leewayMs = jwt.clockToleranceSeconds * 1000;
  }

  /** The actor of a remembered, unexpired token (JwtAuthGuard then skips passport), else undefined. */
  remembered(request: Parameters<typeof credentialDigest>[0]): Actor | undefined {
    const digest = credentialDigest(request);
    const known = digest ? this.verified.get(digest) : undefined;
    return known && Date.now() < known.validUntilMs ? known.actor : undefined;
  }

  /** Called by passport-jwt after the signature and registered claims passed. */
  validate(request: PassportRequest, claims: TokenClaims): Actor {
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
    // Frozen: a remembered actor is shared by every request that sends the same token.
    const actor: Actor = Object.freeze({
      sub,
      companyId: companyId.toLowerCase(),
      role: role as Role,
      scopes: new Set(typeof scope === 'string' ? scope.split(' ').filter(Boolean) : []),
    });
    this.verified.set(credentialDigest(request)!, { actor, validUntilMs: exp * 1000 + this.leewayMs });
    return actor;
  }
}
