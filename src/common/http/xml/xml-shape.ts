import type { ResourceSchema } from '../../resource/resource-registry';

/**
 * The element names an object (or each item of an array) may use in XML: only names the
 * server declares. A member whose name is not declared here, and every member of a free-form
 * value (its keys are data, API.md §1), is written as `<entry key="…">`, so no stored key can
 * ever become an element name (API.md §1.9).
 */
export interface XmlShape {
  readonly fields: ReadonlyMap<string, XmlShape>;
}

/** A value whose keys are data, at any depth: every member is an `<entry>`. */
export const DATA: XmlShape = { fields: new Map() };

/**
 * An XML Name the writer may use: ASCII only, not starting with `xml` (reserved, XML 1.0
 * §2.3). Checked once when a shape is built; a declared name that fails is a programming error.
 */
const ELEMENT_NAME = /^(?![Xx][Mm][Ll])[A-Za-z_][A-Za-z0-9_.-]*$/;

export function assertElementName(name: string): string {
  if (!ELEMENT_NAME.test(name)) throw new Error(`"${name}" cannot be an XML element name`);
  return name;
}

/** A shape from declared member names; members not listed are written as entries. */
export function fieldsShape(fields: Record<string, XmlShape>): XmlShape {
  return { fields: new Map(Object.entries(fields).map(([name, shape]) => [assertElementName(name), shape])) };
}

const pages = new WeakMap<XmlShape, XmlShape>();

/** A page of items of `item` shape (`{ items, nextCursor }`, API.md §1.7 and §1.8). */
export function pageShape(item: XmlShape): XmlShape {
  let page = pages.get(item);
  if (!page) pages.set(item, (page = fieldsShape({ items: item, nextCursor: DATA })));
  return page;
}

const fromSchema = new WeakMap<ResourceSchema, XmlShape>();

/**
 * A resource's shape from the field registry: its fields are elements, a free-form field's
 * value is data, a nested resource (object or array items) has its own fields.
 */
export function resourceShape(schema: ResourceSchema): XmlShape {
  const cached = fromSchema.get(schema);
  if (cached) return cached;
  const fields = new Map<string, XmlShape>();
  const shape: XmlShape = { fields };
  fromSchema.set(schema, shape); // before recursing, so self-referencing resources terminate
  for (const field of schema.fields) {
    const nested = !field.freeForm && field.nestedSchema ? resourceShape(field.nestedSchema) : DATA;
    fields.set(assertElementName(field.name), nested);
  }
  return shape;
}
