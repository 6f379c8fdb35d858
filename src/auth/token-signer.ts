import { sign } from 'jsonwebtoken';
import { AppConfig } from '../../config/app-config';
import { Role } from './actor';

export interface TokenRequest {
  sub: string;
  companyId: string;
  role: Role;
  scope: string;
  ttlSeconds?: number;
  extraClaims?: Record<string, unknown>;
}

/** Signs an access token the JwtStrategy accepts; used by /auth/token and `npm run token`. */
export function signAccessToken(jwt: AppConfig['jwt'], request: TokenRequest): string {
  if (!jwt.signKey) {
    throw new Error('This instance cannot issue tokens: set JWT_PRIVATE_KEY (or use JWT_SECRET).');
  }
  return sign(
    { ...request.extraClaims, companyId: request.companyId, role: request.role, scope: request.scope },
    jwt.signKey,
    {
      algorithm: jwt.algorithm,
      subject: request.sub,
      expiresIn: request.ttlSeconds ?? jwt.accessTokenTtlSeconds,
      ...(jwt.issuer ? { issuer: jwt.issuer } : {}),
      ...(jwt.audience ? { audience: jwt.audience } : {}),
    },
  );
}
