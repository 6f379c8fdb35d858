import { Type as ClassType } from '@nestjs/common';
import { getMetadataStorage, ValidationArguments, ValidationTypes, ValidatorConstraintInterface } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/** One custom rule of a property: its decorator's metadata and the constraint that judges it. */
interface Rule {
  metadata: ValidationMetadata;
  constraint: ValidatorConstraintInterface;
}

/** A property's class-validator rules, grouped as class-validator's executor groups them. */
interface PropertyRules {
  name: string;
  /** IsOptional / ValidateIf: when one is false, the property's rules are skipped. */
  conditions: Array<(object: object, value: unknown) => boolean>;
  rules: Rule[];
  /** ValidateNested: the value's own rules (an instance of its class, or a list of them) apply too. */
  nested: boolean;
}

const plans = new Map<ClassType, PropertyRules[] | null>();

/**
 * Whether an instance of a resource class passes its class-validator rules, judged from the
 * same decorators' metadata and constraint functions as class-validator's `validateSync` with
 * `stopAtFirstError` (and `skipUndefinedProperties` when `skipUndefined`), nested instances
 * included. Undefined when it cannot tell: a rule of a kind not read here, a constraint
 * answering with a promise, a Set or Map. Then, and whenever a rule fails, class-validator
 * itself runs, so the answer to a client and its messages stay class-validator's.
 *
 * Written here, not taken from a library, because class-validator's executor builds an error
 * object for every declared property of the class and filters its metadata again on each call:
 * 20–40 µs and a sixth of a merge PATCH's allocations for an update of two fields (bench, issue
 * 12). rule-check.spec.ts holds this to class-validator's verdict over generated documents.
 */
export function rulesPass(type: ClassType, instance: object, skipUndefined: boolean): boolean | undefined {
  const plan = planOf(type);
  if (!plan) return undefined;
  const values = instance as Record<string, unknown>;
  for (const property of plan) {
    const value = values[property.name];
    if (value === undefined && skipUndefined) continue; // skipped whatever its conditions say
    const verdict = propertyPasses(property, instance, value, skipUndefined);
    if (verdict !== true) return verdict;
  }
  return true;
}

function propertyPasses(property: PropertyRules, object: object, value: unknown, skipUndefined: boolean): boolean | undefined {
  // class-validator evaluates every condition, then skips the rules when one is false.
  let conditionsHold = true;
  for (const condition of property.conditions) if (!condition(object, value)) conditionsHold = false;
  if (!conditionsHold) return true;
  for (const { metadata, constraint } of property.rules) {
    if (metadata.validateIf && !metadata.validateIf(object, value)) continue;
    const args: ValidationArguments = {
      targetName: object.constructor?.name,
      property: metadata.propertyName,
      object,
      value,
      constraints: metadata.constraints,
    };
    if (metadata.each && (value instanceof Set || value instanceof Map)) return undefined;
    const verdict = metadata.each && Array.isArray(value) ? everyPasses(constraint, value, args) : resultVerdict(constraint.validate(value, args));
    if (verdict !== true) return verdict;
  }
  return property.nested ? nestedPasses(value, skipUndefined) : true;
}

/** A rule with `each` over a list: every item is judged (a promise from any leaves the verdict to class-validator). */
function everyPasses(constraint: ValidatorConstraintInterface, items: unknown[], args: ValidationArguments): boolean | undefined {
  let verdict: boolean | undefined = true;
  for (const item of items) {
    const result = resultVerdict(constraint.validate(item, args));
    if (result === undefined) return undefined;
    if (!result) verdict = false;
  }
  return verdict;
}

function resultVerdict(result: unknown): boolean | undefined {
  return isPromise(result) ? undefined : Boolean(result);
}

/**
 * class-validator's ValidateNested (ValidationExecutor.nestedValidations): an object is
 * judged by the rules of its own class (none for a plain object), a list item by item, an
 * unset value or item passes, anything else (null, a number) fails.
 */
function nestedPasses(value: unknown, skipUndefined: boolean): boolean | undefined {
  if (value === undefined) return true;
  if (value instanceof Set || value instanceof Map) return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const verdict = nestedPasses(item, skipUndefined);
      if (verdict !== true) return verdict;
    }
    return true;
  }
  if (value instanceof Object) return rulesPass(value.constructor as ClassType, value, skipUndefined);
  return false;
}

/**
 * The class's properties and their rules, read at the first check (when every class's
 * decorators have run) with the selection validateSync makes (no groups, `always` unset);
 * null when the class has a rule class-validator applies even to a skipped property
 * (IsDefined) or one of a kind not read here.
 */
function planOf(type: ClassType): PropertyRules[] | null {
  let plan = plans.get(type);
  if (plan === undefined) {
    plan = readPlan(type);
    plans.set(type, plan);
  }
  return plan;
}

function readPlan(type: ClassType): PropertyRules[] | null {
  const storage = getMetadataStorage();
  const grouped = storage.groupByPropertyName(storage.getTargetValidationMetadatas(type, '', false, false));
  const plan: PropertyRules[] = [];
  for (const [name, metadatas] of Object.entries(grouped)) {
    const property: PropertyRules = { name, conditions: [], rules: [], nested: false };
    for (const metadata of metadatas) {
      switch (metadata.type) {
        case ValidationTypes.CONDITIONAL_VALIDATION:
          property.conditions.push(metadata.constraints[0] as PropertyRules['conditions'][number]);
          break;
        case ValidationTypes.CUSTOM_VALIDATION:
          for (const constraint of storage.getTargetValidatorConstraints(metadata.constraintCls)) {
            // validateSync ignores async constraints.
            if (!constraint.async) property.rules.push({ metadata, constraint: constraint.instance });
          }
          break;
        case ValidationTypes.WHITELIST: // @Allow: only whitelisting reads it
          break;
        case ValidationTypes.NESTED_VALIDATION:
          property.nested = true;
          break;
        default:
          return null;
      }
    }
    plan.push(property);
  }
  return plan;
}

function isPromise(value: unknown): boolean {
  return value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';
}
