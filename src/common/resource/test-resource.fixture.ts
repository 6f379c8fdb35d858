import { IsOptional, IsString } from 'class-validator';
import { Field } from './field.decorator';

/** A small resource for the unit specs of the registry, path resolution and $select. */
export class FixtureAddress {
  @Field({ kind: 'string' }) @IsOptional() @IsString() city?: string | null;
  @Field({ kind: 'string', readOnly: true }) geoHash?: string | null;
}

export class FixtureEmail {
  @Field({ kind: 'string' }) value!: string;
  @Field({ kind: 'string' }) description?: string | null;
}

export class FixtureResource {
  @Field({ kind: 'string', readOnly: true }) id!: string;
  @Field({ kind: 'string', aliases: ['telNumber1'], gdpr: true }) phone?: string | null;
  @Field({ kind: 'string' }) department?: string | null;
  @Field({ kind: 'object', nested: () => FixtureAddress }) address?: FixtureAddress | null;
  @Field({ kind: 'array', nested: () => FixtureEmail }) emails?: FixtureEmail[] | null;
  @Field({ kind: 'array', items: 'string' }) tags?: string[] | null;
  @Field({ kind: 'any' }) securityCode?: unknown;
}
