import type { MediaTypeObject, OpenAPIObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';

/**
 * Schemas of the OpenAPI document that no class can express: RFC 6902 operations (a oneOf of
 * one schema per op) and RFC 7396 merge patches derived from each resource's schema. Kept as
 * data, added to the document by setUpOpenApi, referenced by name from the route decorators.
 */

const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

const pointer = (description: string): SchemaObject => ({ type: 'string', description, example: '/name' });

function operation(op: string, description: string, members: { value?: boolean; from?: boolean }): SchemaObject {
  const properties: Record<string, SchemaObject> = { op: { type: 'string', enum: [op] }, path: pointer('JSON Pointer (RFC 6901) of the target; the leading slash is optional, names are case-insensitive') };
  if (members.value) properties.value = { description: 'Any JSON value' };
  if (members.from) properties.from = pointer('JSON Pointer of the source');
  return { type: 'object', description, required: Object.keys(properties), properties };
}

const OPERATIONS: Record<string, SchemaObject> = {
  JsonPatchAdd: operation('add', 'Adds a member or array item (`-` appends)', { value: true }),
  JsonPatchRemove: operation('remove', 'Removes the target', {}),
  JsonPatchReplace: operation('replace', 'Replaces the existing target', { value: true }),
  JsonPatchMove: operation('move', 'Moves `from` to `path`', { from: true }),
  JsonPatchCopy: operation('copy', 'Copies `from` to `path`', { from: true }),
  JsonPatchTest: operation('test', 'Fails the whole patch with 409 unless the target equals `value`', { value: true }),
};

export const JSON_PATCH = 'JsonPatch';
export const JSON_PATCH_OPERATION = 'JsonPatchOperation';

/** Component schemas of RFC 6902, added once to the document. */
export const JSON_PATCH_SCHEMAS: Record<string, SchemaObject> = {
  ...OPERATIONS,
  [JSON_PATCH_OPERATION]: { oneOf: Object.keys(OPERATIONS).map(ref) },
  [JSON_PATCH]: {
    type: 'array',
    description: 'RFC 6902 JSON Patch, applied atomically (at most 1000 operations)',
    items: ref(JSON_PATCH_OPERATION),
    maxItems: 1000,
  },
};

export const jsonPatchRef = (): ReferenceObject => ref(JSON_PATCH);
export const jsonPatchOperationRef = (): ReferenceObject => ref(JSON_PATCH_OPERATION);

const MERGE_PATCH_SUFFIX = 'MergePatch';

/** `$ref` to the merge patch of a resource schema; the schema itself is made by addMergePatchSchemas. */
export const mergePatchRef = (schemaName: string): ReferenceObject => ref(`${schemaName}${MERGE_PATCH_SUFFIX}`);

/**
 * Adds `<Name>MergePatch` for every such `$ref` in the document: the schema's writable fields
 * (read-only ones left out), each optional and nullable (null clears, RFC 7396), nested objects
 * as their own merge patches and arrays whole (a merge patch replaces an array). Other member
 * names are allowed because the server binds case variants and aliases (`Department`,
 * `telNumber1`); that also keeps generated clients from taking a bare number for a patch
 * (openapi-fetch's Writable<T> turns an all-optional object into one that accepts `42`).
 */
export function addMergePatchSchemas(document: OpenAPIObject): void {
  const schemas = (document.components ??= {}).schemas ??= {};
  const wanted = JSON.stringify(document.paths).match(new RegExp(`#/components/schemas/(\\w+)${MERGE_PATCH_SUFFIX}"`, 'g')) ?? [];
  const derive = (name: string): ReferenceObject => {
    const patchName = `${name}${MERGE_PATCH_SUFFIX}`;
    if (!schemas[patchName]) {
      const source = schemas[name] as SchemaObject | undefined;
      if (!source?.properties) throw new Error(`No schema ${name} to derive ${patchName} from`);
      schemas[patchName] = {}; // reserved first: nested types may refer back
      schemas[patchName] = {
        type: 'object',
        description:
          `RFC 7396 merge patch of ${name}: its writable fields, each optional; null clears a field, arrays are replaced ` +
          'whole. Names match case-insensitively and the documented aliases bind; any other name is 400.',
        additionalProperties: true,
        properties: Object.fromEntries(
          Object.entries(source.properties)
            .filter(([, property]) => !(property as SchemaObject).readOnly)
            .map(([key, property]) => [key, mergePatchProperty(property as SchemaObject, derive)]),
        ),
      };
    }
    return ref(patchName);
  };
  for (const match of wanted) derive(match.slice('#/components/schemas/'.length, -(MERGE_PATCH_SUFFIX.length + 1)));
}

function mergePatchProperty(property: SchemaObject, derive: (name: string) => ReferenceObject): SchemaObject {
  const nested = property.allOf?.length === 1 ? (property.allOf[0] as ReferenceObject).$ref : undefined;
  if (nested && property.type !== 'array') return { ...property, type: 'object', nullable: true, allOf: [derive(nested.split('/').pop()!)] };
  return { ...property, nullable: true };
}

/**
 * A PATCH body is declared once as `oneOf: [merge patch, JSON Patch]` (what `application/json`
 * takes, API.md §1.4); @nestjs/swagger copies one body to every media type, so the two patch
 * media types are narrowed here to their own branch, and so are their examples.
 */
export function narrowPatchBodies(document: OpenAPIObject): void {
  for (const path of Object.values(document.paths)) {
    for (const operation of [path.patch, path.put, path.post]) {
      const body = operation?.requestBody;
      const content = body && 'content' in body ? body.content : undefined;
      const union = (content?.['application/json']?.schema as SchemaObject | undefined)?.oneOf as ReferenceObject[] | undefined;
      if (!content || union?.length !== 2 || union[1].$ref !== jsonPatchRef().$ref) continue;
      const examples = content['application/json'].examples ?? {};
      const branch = (schema: ReferenceObject, example: string): MediaTypeObject => ({
        schema,
        ...(examples[example] ? { examples: { [example]: examples[example] } } : {}),
      });
      if (content['application/merge-patch+json']) content['application/merge-patch+json'] = branch(union[0], 'mergePatch');
      if (content['application/json-patch+json']) content['application/json-patch+json'] = branch(union[1], 'jsonPatch');
    }
  }
}
