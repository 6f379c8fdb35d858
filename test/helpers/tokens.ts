import { randomUUID } from 'node:crypto';
import { sign, SignOptions } from 'jsonwebtoken';
import { SCOPES } from '../../src/auth/actor';

export const TEST_JWT_SECRET = 'test-secret-for-e2e-only-0123456789abcdef';
export const ALL_SCOPES = SCOPES.join(' ');

export type TestRole = 'user' | 'admin' | 'superadmin';

export interface TokenClaims {
  sub?: string;
  companyId?: string;
  role?: string;
  scope?: string;
  [claim: string]: unknown;
}

/** A fresh tenant id: each test owns its data. */
export const newCompany = (): string => randomUUID();

/**
 * Signs like a real issuer (HS256 with the test secret, 5 minutes) unless told otherwise;
 * an option set to undefined (e.g. `expiresIn: undefined`) is left out of the token.
 */
export function tokenFor(claims: TokenClaims, options: SignOptions = {}, key: string = TEST_JWT_SECRET): string {
  const merged: Record<string, unknown> = { algorithm: 'HS256', expiresIn: 300, ...options };
  for (const name of Object.keys(merged)) if (merged[name] === undefined) delete merged[name];
  return sign({ scope: ALL_SCOPES, ...claims }, key, merged as SignOptions);
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/** A token for a caller of `role` in `companyId` (all scopes unless `scope` is given). */
export function actorToken(role: TestRole, companyId: string, scope = ALL_SCOPES, sub = `${role}-${randomUUID()}`): string {
  return tokenFor({ sub, companyId, role, scope });
}

/** A fresh company and an admin token (all scopes) for it. */
export function newAdmin(): { company: string; token: string } {
  const company = newCompany();
  return { company, token: actorToken('admin', company) };
}
