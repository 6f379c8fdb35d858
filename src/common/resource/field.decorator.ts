import { Type as ClassType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { Type as TransformType } from 'class-transformer';

/** JSON shape of a field; `any` is a free-form value whose keys are data. */
export type FieldKind = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'any';

export interface FieldOptions {
  kind: FieldKind;
  /** The resource class of an object field, or of the items of an array field. */
  nested?: () => ClassType;
  /** Item kind of an array of scalars. */
  items?: Exclude<FieldKind, 'object' | 'array'>;
  /** Server-managed: a write may only repeat the stored value (API.md §1). */
  readOnly?: boolean;
  /**
   * Read-only and computed by the policy from other fields (a reference's `name` from its
   * `id`): the resource policy's normalize checks it, not the generic read-only check.
   */
  derived?: boolean;
  /** Personal data masked and guarded by restrictedTypeId (API.md §1.3). */
  gdpr?: boolean;
  /** Other accepted input names, e.g. the seeds' `telNumber1` for `phone`. */
  aliases?: string[];
  /** Keys inside the value are data: matched exactly, never case-folded. */
  freeForm?: boolean;
  /** Extra OpenAPI documentation (description, example, format, enum, ...). */
  api?: ApiPropertyOptions;
}

export interface FieldDeclaration extends FieldOptions {
  name: string;
}

const FIELDS = Symbol('resource:fields');

/**
 * Declares a field of a resource class. With class-validator rules on the same property this
 * makes the class the single source of truth: the registry (names, aliases, read-only, GDPR,
 * nesting) and the OpenAPI schema are both read from it.
 */
export function Field(options: FieldOptions): PropertyDecorator {
  return (target, property) => {
    const name = String(property);
    const owner = target.constructor as { [FIELDS]?: FieldDeclaration[] };
    const inherited = Object.prototype.hasOwnProperty.call(owner, FIELDS) ? owner[FIELDS]! : [...(owner[FIELDS] ?? [])];
    owner[FIELDS] = [...inherited.filter((field) => field.name !== name), { ...options, name }];

    if (options.nested) TransformType(options.nested)(target, property);
    ApiProperty(openApiOf(options))(target, property);
  };
}

export function declaredFields(type: ClassType): FieldDeclaration[] {
  return (type as { [FIELDS]?: FieldDeclaration[] })[FIELDS] ?? [];
}

function openApiOf(options: FieldOptions): ApiPropertyOptions {
  const base: Record<string, unknown> = {
    required: false,
    // Every field may be null: a cleared value, a masked GDPR field, or one `$select` left out.
    nullable: true,
    readOnly: options.readOnly || options.derived || undefined,
  };
  const notes = [
    options.aliases?.length ? `Also accepted as: ${options.aliases.join(', ')}.` : '',
    options.gdpr ? 'GDPR protected (masked for restricted records).' : '',
  ].filter(Boolean);
  if (notes.length) base.description = [options.api?.description, ...notes].filter(Boolean).join(' ');

  const scalar = (kind: FieldKind) => (kind === 'integer' ? 'integer' : kind === 'any' ? undefined : kind);
  if (options.kind === 'array') {
    base.type = options.nested ? lazyType(options.nested) : 'array';
    if (options.nested) base.isArray = true;
    else base.items = { type: scalar(options.items ?? 'string') };
  } else if (options.kind === 'object' && options.nested) {
    base.type = lazyType(options.nested);
  } else if (options.kind === 'any' || options.kind === 'object') {
    base.type = 'object';
    base.additionalProperties = true;
  } else {
    base.type = scalar(options.kind);
  }
  return { ...base, ...options.api, ...(base.description ? { description: base.description } : {}) } as ApiPropertyOptions;
}

/**
 * @nestjs/swagger resolves a function as a lazy type only when the function is *named* `type`
 * (SchemaObjectFactory.isLazyTypeFunc); any other thunk becomes an empty `$ref`. The object
 * literal gives the arrow function that name; it stays lazy, so classes declared later resolve.
 */
function lazyType(nested: () => ClassType): () => ClassType {
  return { type: () => nested() }.type;
}
