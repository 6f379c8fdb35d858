import { loadConfig } from '../config/load-config';
import { SCOPES } from '../src/auth/actor';
import { signAccessToken } from '../src/auth/token-signer';
import { SeededCustomer } from './seed-customers';

const TTL_SECONDS = 6 * 3600;

/** One admin token per company, signed as the app verifies them (HS256 with its secret). */
export function adminTokens(jwtSecret: string, companies: string[]): Map<string, string> {
  const { jwt } = loadConfig({ JWT_SECRET: jwtSecret });
  return new Map(
    companies.map((companyId, index) => [
      companyId,
      signAccessToken(jwt, { sub: `bench-admin-${index + 1}`, companyId, role: 'admin', scope: SCOPES.join(' '), ttlSeconds: TTL_SECONDS }),
    ]),
  );
}

/**
 * Each customer's own token (API.md §1.2: role `user`, `sub` = the record's `userId`), keyed by
 * customer id. No `gdpr` scope: the customer sees its restricted record unmasked as itself.
 */
export function customerTokens(jwtSecret: string, customers: readonly SeededCustomer[]): Map<string, string> {
  const { jwt } = loadConfig({ JWT_SECRET: jwtSecret });
  return new Map(
    customers.map((customer) => [
      customer.id,
      signAccessToken(jwt, { sub: customer.userId!, companyId: customer.companyId, role: 'user', scope: 'customers:write', ttlSeconds: TTL_SECONDS }),
    ]),
  );
}
