import { loadConfig } from '../config/load-config';
import { SCOPES } from '../src/auth/actor';
import { signAccessToken } from '../src/auth/token-signer';

/** One admin token per company, signed as the app verifies them (HS256 with its secret). */
export function adminTokens(jwtSecret: string, companies: string[]): Map<string, string> {
  const { jwt } = loadConfig({ JWT_SECRET: jwtSecret });
  return new Map(
    companies.map((companyId, index) => [
      companyId,
      signAccessToken(jwt, { sub: `bench-admin-${index + 1}`, companyId, role: 'admin', scope: SCOPES.join(' '), ttlSeconds: 6 * 3600 }),
    ]),
  );
}
