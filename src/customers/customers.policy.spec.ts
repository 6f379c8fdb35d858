import { Actor } from '../auth/actor';
import { ProblemException } from '../common/http/problem.exception';
import { mergePatchToOps, PatchOperation } from '../common/patch';
import { thrown } from '../common/patch/thrown.fixture';
import { JsonObject } from '../common/resource/document-checks';
import { StoredRecord } from '../common/resource/record-repository';
import { documentOf } from '../common/resource/resource-document.fixture';
import { ChangeContext } from '../common/resource/resource-policy';
import { CustomerAccessPolicy } from './customer-access.policy';
import { CustomerDocument, CustomerResource } from './customer.resource';
import { CustomersPolicy } from './customers.policy';

/**
 * Customers' rules without HTTP: caller (self / admin / superadmin, with and without `gdpr`)
 * × field kind (GDPR, plain, locked for self, restriction level, email) × restriction level ×
 * door. Every door hands the policy the same thing (the operations on the caller's view and
 * the changed paths), so the door dimension is the form of the operations: a merge patch (PATCH,
 * PUT of seed 003, PATCH by identifier of seed 004) or JSON Patch (PATCH).
 */
const policy = new CustomersPolicy(new CustomerAccessPolicy());
const COMPANY = '6f1c0c55-8a0a-4d4e-9f4b-1c1a2b3c4d5e';
const CUSTOMER_SUB = 'anna';

type Caller = 'self' | 'admin' | 'admin+gdpr' | 'superadmin' | 'superadmin+gdpr';
const CALLERS: Caller[] = ['self', 'admin', 'admin+gdpr', 'superadmin', 'superadmin+gdpr'];

function actor(caller: Caller): Actor {
  const role = caller === 'self' ? 'user' : caller.startsWith('superadmin') ? 'superadmin' : 'admin';
  const scopes = new Set(['customers:write', ...(caller.endsWith('+gdpr') ? ['gdpr'] : [])]);
  return { sub: caller === 'self' ? CUSTOMER_SUB : `${caller}-sub`, companyId: COMPANY, role, scopes };
}

const callerOf = (who: Caller) => ({ actor: actor(who), requestId: 'r', baseUrl: 'http://x' });

function record(level: number, fields: Partial<CustomerDocument> = {}): StoredRecord<CustomerDocument> {
  const document = documentOf(CustomerResource, {
    id: 'c1',
    companyId: COMPANY,
    userId: CUSTOMER_SUB,
    firstName: 'Anna',
    email: 'anna@example.com',
    notes: 'n',
    isActive: true,
    restrictedTypeId: level,
    editableByCustomer: true,
    maskedFields: [],
    ...fields,
  });
  return { id: 'c1', companyId: COMPANY, version: 1, updatedAt: new Date(0), document };
}

const seesProtected = (who: Caller, level: number) => level === 0 || who === 'self' || who.endsWith('+gdpr');

/** What the pipeline does with one write: view, operations, change; the policy's verdict. */
function write(who: Caller, level: number, patch: JsonObject, door: 'merge' | 'json-patch', fields: Partial<CustomerDocument> = {}): void {
  const caller = callerOf(who);
  const view = policy.view(record(level, fields), caller);
  const operations: PatchOperation[] =
    door === 'merge' ? mergePatchToOps(view, patch) : Object.entries(patch).map(([field, value]) => ({ op: 'replace', path: `/${field}`, value }));
  policy.authorizeOperations(caller, view, operations, door === 'merge' ? 'merge-patch' : 'json-patch');
  const after = { ...view, ...patch };
  const before: JsonObject = view;
  const changedPaths = Object.keys(patch).filter((field) => JSON.stringify(before[field]) !== JSON.stringify(patch[field])).map((field) => `/${field}`);
  const change: ChangeContext<CustomerDocument> = { actor: caller.actor, before: view, after, operations, changedPaths };
  policy.authorizeChange(change);
}

const refusal = (fn: () => void) => thrown(ProblemException, fn).problem;

describe('CustomersPolicy', () => {
  describe('visibility', () => {
    it('narrows a user to its own customer and leaves other roles the tenant scope', () => {
      expect(policy.visibility(callerOf('self'), { companyId: COMPANY })).toEqual({ companyId: COMPANY, onlyUser: CUSTOMER_SUB });
      expect(policy.visibility(callerOf('admin'), { companyId: COMPANY })).toEqual({ companyId: COMPANY, onlyUser: null });
      expect(policy.visibility(callerOf('superadmin'), { companyId: null })).toEqual({ companyId: null, onlyUser: null });
    });
  });

  describe.each([0, 1, 2])('restriction level %i', (level) => {
    describe.each(CALLERS)('caller %s', (who) => {
      const masked = !seesProtected(who, level);

      it(masked ? 'masks the protected fields and lists them' : 'shows the protected fields', () => {
        const view = policy.view(record(level), callerOf(who));
        expect(view.firstName).toBe(masked ? null : 'Anna');
        expect(view.email).toBe(masked ? null : 'anna@example.com');
        expect(view.notes).toBe('n');
        expect((view.maskedFields as string[]).includes('firstName')).toBe(masked);
      });

      it(level === 2 && !masked ? 'audits the read' : 'does not audit the read', () => {
        expect(policy.auditsRead(record(level), callerOf(who))).toBe(level === 2 && !masked);
      });

      describe.each(['merge', 'json-patch'] as const)('door %s', (door) => {
        it(masked ? 'refuses a write of a protected field with 403' : 'allows a write of a protected field', () => {
          const act = () => write(who, level, { firstName: 'Anne' }, door);
          if (masked) expect(refusal(act)).toMatchObject({ status: 403, errors: [{ pointer: '/firstName' }] });
          else expect(act).not.toThrow();
        });

        it('allows a write of a plain field', () => {
          expect(() => write(who, level, { notes: 'new' }, door)).not.toThrow();
        });

        it(who === 'self' ? 'refuses a locked field for the customer itself with 403' : 'allows a locked field', () => {
          const act = () => write(who, level, { isActive: false }, door);
          if (who === 'self') expect(refusal(act)).toMatchObject({ status: 403, errors: [{ pointer: '/isActive' }] });
          else expect(act).not.toThrow();
        });

        it(who.endsWith('+gdpr') ? 'allows a change of the restriction level' : 'refuses a change of the restriction level with 403', () => {
          const act = () => write(who, level, { restrictedTypeId: (level + 1) % 3 }, door);
          if (who.endsWith('+gdpr')) expect(act).not.toThrow();
          else expect(refusal(act)).toMatchObject({ status: 403 });
        });

        // Masked or not, only the customer changes the email once it has an account (seed 003).
        it(who === 'self' ? 'lets the customer change its email' : 'refuses an email change of a customer with an account with 403', () => {
          const act = () => write(who, level, { email: 'new@example.com' }, door);
          if (who === 'self') expect(act).not.toThrow();
          else expect(refusal(act)).toMatchObject({ status: 403, errors: [{ pointer: '/email' }] });
        });
      });
    });
  });

  it('lets an admin change the email of a customer without an account', () => {
    expect(() => write('admin', 0, { email: 'new@example.com' }, 'merge', { userId: null })).not.toThrow();
  });

  it('refuses every change by the customer itself when it is not editable by the customer', () => {
    expect(refusal(() => write('self', 0, { notes: 'x' }, 'merge', { editableByCustomer: false }))).toMatchObject({ status: 403 });
    expect(() => write('admin', 0, { notes: 'x' }, 'merge', { editableByCustomer: false })).not.toThrow();
  });

  it('refuses reading masked data by a JSON Patch test with 403, and allows it where unmasked', () => {
    const test: PatchOperation[] = [{ op: 'test', path: '/firstName', value: 'Anna' }];
    const maskedView = policy.view(record(1), callerOf('admin'));
    expect(refusal(() => policy.authorizeOperations(callerOf('admin'), maskedView, test, 'json-patch'))).toMatchObject({ status: 403 });
    const openView = policy.view(record(1), callerOf('admin+gdpr'));
    expect(() => policy.authorizeOperations(callerOf('admin+gdpr'), openView, test, 'json-patch')).not.toThrow();
  });

  it('refuses a customer moving itself to another company with 403, and lets it repeat its company', () => {
    const view = policy.view(record(0), callerOf('self'));
    const move: PatchOperation[] = [{ op: 'replace', path: '/companyId', value: 'other' }];
    expect(refusal(() => policy.authorizeOperations(callerOf('self'), view, move, 'json-patch'))).toMatchObject({ status: 403 });
    expect(() => policy.authorizeOperations(callerOf('self'), view, [{ op: 'replace', path: '/companyId', value: COMPANY }], 'json-patch')).not.toThrow();
  });

  it('normalizes date-times of calendar dates to the date written there (seed 004 DOB)', () => {
    const after: JsonObject = { dateOfBirth: '2001-09-13T08:31:19.94723+10:00', cooperativeDate: '2001-09-13T25:61' };
    policy.normalize(documentOf(CustomerResource), after);
    expect(after).toEqual({ dateOfBirth: '2001-09-13', cooperativeDate: '2001-09-13T25:61' });
  });
});
