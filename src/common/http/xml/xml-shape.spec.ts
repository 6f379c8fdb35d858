import { ContactResource } from '../../../contacts/contact.resource';
import { CustomerObjectResource } from '../../../customer-objects/customer-object.resource';
import { CustomerResource } from '../../../customers/customer.resource';
import { resourceSchema } from '../../resource/resource-registry';
import { DATA, pageShape, resourceShape } from './xml-shape';

describe('resourceShape (API.md §1.9)', () => {
  const objects = resourceShape(resourceSchema(CustomerObjectResource));

  it('declares every field of the registry, and the fields of nested resources', () => {
    expect([...objects.fields.keys()]).toEqual(resourceSchema(CustomerObjectResource).fields.map((field) => field.name));
    expect([...objects.fields.get('status')!.fields.keys()]).toContain('createdAt');
    expect([...objects.fields.get('material')!.fields.keys()]).toEqual(['articleId', 'budget']);
  });

  it('declares no names inside free-form fields: their keys are data', () => {
    expect(objects.fields.get('securityCode')).toBe(DATA);
    expect(objects.fields.get('key')).toBe(DATA);
    expect(resourceShape(resourceSchema(ContactResource)).fields.get('customFields')).toBe(DATA);
    expect(resourceShape(resourceSchema(CustomerResource)).fields.get('customProperties')).toBe(DATA);
  });

  it('builds each shape once, pages included', () => {
    expect(resourceShape(resourceSchema(CustomerObjectResource))).toBe(objects);
    expect(pageShape(objects)).toBe(pageShape(objects));
    expect(pageShape(objects).fields.get('items')).toBe(objects);
  });
});
