export const ROLES = ['user', 'admin', 'superadmin'] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = [
  'objects:read',
  'objects:write',
  'contacts:read',
  'contacts:write',
  'customers:read',
  'customers:write',
  'gdpr',
  'webhooks:manage',
] as const;
export type Scope = (typeof SCOPES)[number];

/** The authenticated caller, taken from a verified token. */
export interface Actor {
  sub: string;
  companyId: string;
  role: Role;
  scopes: ReadonlySet<string>;
}

/** `x:write` implies `x:read`. */
export function hasScope(actor: Actor, scope: Scope): boolean {
  if (actor.scopes.has(scope)) return true;
  return scope.endsWith(':read') && actor.scopes.has(scope.replace(/:read$/, ':write'));
}
