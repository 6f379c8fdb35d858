import { Actor, Role } from '../auth/actor';
import { ProblemException } from '../common/http/problem.exception';
import { companyForCreate, resolveTenantScope } from './tenant-scope';

const OWN = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const actor = (role: Role): Actor => ({ sub: 'u1', companyId: OWN, role, scopes: new Set() });

function statusOf(fn: () => unknown): number | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as ProblemException).getStatus();
  }
}

describe('resolveTenantScope', () => {
  it.each<Role>(['user', 'admin'])('gives %s its own company without ?companyId or when blank', (role) => {
    expect(resolveTenantScope(actor(role))).toEqual({ companyId: OWN });
    expect(resolveTenantScope(actor(role), '  ')).toEqual({ companyId: OWN });
  });

  it.each<Role>(['user', 'admin'])('accepts %s naming its own company in any case', (role) => {
    expect(resolveTenantScope(actor(role), OWN.toUpperCase())).toEqual({ companyId: OWN });
  });

  it.each<Role>(['user', 'admin'])('answers 404 when %s names another company or garbage', (role) => {
    expect(statusOf(() => resolveTenantScope(actor(role), OTHER))).toBe(404);
    expect(statusOf(() => resolveTenantScope(actor(role), 'not-a-uuid'))).toBe(404);
  });

  it('lets a superadmin see every company, or pick one', () => {
    expect(resolveTenantScope(actor('superadmin'))).toEqual({ companyId: null });
    expect(resolveTenantScope(actor('superadmin'), OTHER)).toEqual({ companyId: OTHER });
  });

  it('refuses a malformed companyId from a superadmin with 400', () => {
    expect(statusOf(() => resolveTenantScope(actor('superadmin'), 'nope'))).toBe(400);
  });
});

describe('companyForCreate', () => {
  it('requires a superadmin to name the company', () => {
    expect(statusOf(() => companyForCreate(actor('superadmin')))).toBe(400);
    expect(companyForCreate(actor('superadmin'), OTHER)).toBe(OTHER);
  });

  it('uses the own company for admin and user', () => {
    expect(companyForCreate(actor('admin'))).toBe(OWN);
  });
});
