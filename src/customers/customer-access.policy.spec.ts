import { ProblemException } from '../common/http/problem.exception';
import { PatchOperation } from '../common/patch';
import { documentOf } from '../common/resource/resource-document.fixture';
import { CustomerAccessPolicy } from './customer-access.policy';
import { CustomerDocument, CustomerResource } from './customer.resource';

/** The operation rules of API.md §1.3 on a masked view (pure: no database, no HTTP). */
describe('CustomerAccessPolicy on JSON Patch operations', () => {
  const policy = new CustomerAccessPolicy();
  const masked = documentOf(CustomerResource, { maskedFields: ['email', 'smsNumbers', 'phone'], email: null, smsNumbers: null, phone: null, notes: 'n' });
  const unmasked = { ...masked, maskedFields: [] };

  /** The pointers a refusal names, or undefined when the operations are allowed. */
  function refused(check: () => void): string[] | undefined {
    try {
      check();
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemException);
      const { status, errors } = (error as ProblemException).problem;
      expect(status).toBe(403);
      return errors?.map((entry) => entry.pointer);
    }
  }
  const writes = (view: CustomerDocument, ...operations: PatchOperation[]) =>
    refused(() => policy.authorizeExplicitWrites(view, operations));

  it.each<[string, PatchOperation, string]>([
    ['add', { op: 'add', path: '/email', value: 'a@b.c' }, '/email'],
    ['add at the end', { op: 'add', path: '/smsNumbers/-', value: '1' }, '/smsNumbers'],
    ['remove', { op: 'remove', path: '/email' }, '/email'],
    ['replace inside', { op: 'replace', path: '/smsNumbers/0', value: '1' }, '/smsNumbers'],
    ['copy onto', { op: 'copy', from: '/notes', path: '/phone' }, '/phone'],
    ['move onto', { op: 'move', from: '/notes', path: '/email' }, '/email'],
    ['move away from (its source is removed)', { op: 'move', from: '/phone', path: '/notes' }, '/phone'],
  ])('refuses %s of a masked field, naming the field', (_name, operation, pointer) => {
    expect(writes(masked, operation)).toEqual([pointer]);
  });

  it('names each masked field once, and allows the same ops when nothing is masked', () => {
    const operations: PatchOperation[] = [
      { op: 'remove', path: '/email' },
      { op: 'add', path: '/email', value: 'a@b.c' },
      { op: 'replace', path: '/notes', value: 'x' },
      { op: 'remove', path: '/smsNumbers/1' },
    ];
    expect(writes(masked, ...operations)).toEqual(['/email', '/smsNumbers']);
    expect(writes(unmasked, ...operations)).toBeUndefined();
  });

  it('leaves test ops and writes of fields that are not protected alone', () => {
    expect(writes(masked, { op: 'test', path: '/email', value: null }, { op: 'replace', path: '/notes', value: 'x' })).toBeUndefined();
  });

  it('refuses test, copy and move that read a masked field, whatever the guess', () => {
    const reads = (...operations: PatchOperation[]) => refused(() => policy.authorizeReads(masked, operations));
    expect(reads({ op: 'test', path: '/email', value: null })).toEqual(['/email']);
    expect(reads({ op: 'copy', from: '/smsNumbers/0', path: '/notes' })).toEqual(['/smsNumbers']);
    expect(reads({ op: 'move', from: '/phone', path: '/notes' })).toEqual(['/phone']);
    expect(refused(() => policy.authorizeReads(unmasked, [{ op: 'test', path: '/email', value: null }]))).toBeUndefined();
  });
});
