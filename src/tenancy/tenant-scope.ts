import { isUUID } from 'class-validator';
import { Actor } from '../auth/actor';
import { badRequest, notFound } from '../common/http/problem.exception';

/**
 * The company a request acts on. `companyId: null` means every company, which only a
 * superadmin without `?companyId=` gets; every repository query filters by it.
 */
export interface TenantScope {
  readonly companyId: string | null;
}

/**
 * API.md §1.2: user and admin act on their own company; a `?companyId=` naming another (or
 * not a company at all) is 404, like a record they may not see. Blank means their own.
 * A superadmin acts on the company it names, or on all of them.
 */
export function resolveTenantScope(actor: Actor, requested?: string): TenantScope {
  const wanted = requested?.trim().toLowerCase() || undefined;
  if (actor.role !== 'superadmin') {
    if (wanted !== undefined && wanted !== actor.companyId) throw notFound();
    return { companyId: actor.companyId };
  }
  if (wanted === undefined) return { companyId: null };
  if (!isUUID(wanted)) throw badRequest('companyId must be a uuid.', [{ pointer: '/companyId', detail: 'must be a uuid' }]);
  return { companyId: wanted };
}

/** Creating a record needs one company: a superadmin must name it (400 otherwise). */
export function companyForCreate(actor: Actor, requested?: string): string {
  const { companyId } = resolveTenantScope(actor, requested);
  if (companyId === null) {
    throw badRequest('A superadmin must choose the company with ?companyId= when creating.', [
      { pointer: '/companyId', detail: 'is required for superadmin' },
    ]);
  }
  return companyId;
}
