import { ProblemException } from '../common/http/problem.exception';
import { thrown } from '../common/patch/thrown.fixture';
import { JsonObject } from '../common/resource/document-checks';
import { ListItem, ListName, ReferenceListsService } from '../reference-lists/reference-lists.service';
import { documentOf } from '../common/resource/resource-document.fixture';
import { ContactDocument, ContactResource } from './contact.resource';
import { ContactsPolicy } from './contacts.policy';

const ITEMS: Record<ListName, ListItem[]> = {
  category: [{ id: 1, name: 'Customer' }, { id: 5, name: 'VIP Customer' }],
  business: [{ id: 1, name: 'IT' }],
  country: [{ id: 246, name: 'Finland', code: 'FI' }],
  interest: [{ id: 3, name: 'Webinars' }],
};
/** Names in another covered language (Swedish), as the real service has them from its translations table. */
const SWEDISH: Partial<Record<ListName, Record<number, string>>> = { category: { 1: 'Kund', 5: 'VIP-kund' } };
const find = (list: ListName, id: unknown) => ITEMS[list].find((item) => item.id === id);
const lists = {
  find,
  isNameOf: (list: ListName, id: unknown, name: unknown) =>
    find(list, id) !== undefined && (find(list, id)?.name === name || SWEDISH[list]?.[id as number] === name),
} as unknown as ReferenceListsService;
const policy = new ContactsPolicy(lists);
const contact = (fields: Partial<ContactDocument> = {}) => documentOf(ContactResource, fields);
const caller = { actor: { sub: 'a', companyId: 'c', role: 'admin' as const, scopes: new Set<string>() }, requestId: 'r', baseUrl: 'https://api.test' };

describe('ContactsPolicy', () => {
  it('adds absolute links per caller, and none before the record has an id', () => {
    const view = policy.view({ id: '7', companyId: 'c', version: 1, updatedAt: new Date(0), document: contact({ name: 'X' }) }, caller);
    expect(view._links).toEqual({ self: 'https://api.test/api/v1/Contact/7', archive: 'https://api.test/api/v1/Contact' });
    expect(policy.view({ id: '', companyId: 'c', version: 0, updatedAt: new Date(0), document: contact({ name: 'X' }) }, caller)._links).toBeNull();
  });

  it('resolves reference names from their ids', () => {
    const after: JsonObject = { category: { id: 5, name: null }, interests: [{ id: 3, selected: true }] };
    policy.normalize(contact(), after);
    expect(after).toEqual({ category: { id: 5, name: 'VIP Customer' }, interests: [{ id: 3, selected: true, name: 'Webinars' }] });
  });

  it('accepts the stored name or the resolved one, and refuses any other name with 400', () => {
    expect(() => policy.normalize(contact({ category: { id: 1, name: 'Customer' } }), { category: { id: 5, name: 'Customer' } })).not.toThrow();
    const problem = thrown(ProblemException, () => policy.normalize(contact(), { category: { id: 5, name: 'Someone' } })).problem;
    expect(problem).toMatchObject({ status: 400, errors: [{ pointer: '/category/name', detail: 'is read-only' }] });
  });

  it('accepts a name in any covered language (a record read in Swedish and sent back), storing the English one', () => {
    const after: JsonObject = { category: { id: 5, name: 'VIP-kund' } };
    policy.normalize(contact({ category: { id: 5, name: 'VIP Customer' } }), after);
    expect(after).toEqual({ category: { id: 5, name: 'VIP Customer' } });
    expect(() => policy.normalize(contact(), { category: { id: 5, name: 'Kund' } })).toThrow(ProblemException);
  });

  it('names every reference id that is not an item of its list', async () => {
    const problems = await policy.checkReferences(
      undefined as never,
      'c',
      contact({ category: { id: 999, name: null }, country: { id: 246, name: null }, interests: [3, 4].map((id) => ({ id, name: null, selected: null })) }),
    );
    expect(problems).toEqual([
      { pointer: '/category/id', detail: 'is not an item of the "category" list' },
      { pointer: '/interests/1/id', detail: 'is not an item of the "interest" list' },
    ]);
  });
});
