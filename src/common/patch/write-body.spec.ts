import { UnreadableBody } from '../http/body-parsers';
import { ProblemException } from '../http/problem.exception';
import { resourceSchema } from '../resource/resource-registry';
import { FixtureResource } from '../resource/test-resource.fixture';
import { thrown } from './thrown.fixture';
import { acceptedMediaType, readFieldsObject } from './write-body';

const schema = resourceSchema(FixtureResource);
const limits = { maxDepth: 4 };

describe('readFieldsObject', () => {
  it('answers the fields under their canonical names', () => {
    expect(readFieldsObject(schema, { TelNumber1: '+358', Department: 'Sales' }, limits)).toEqual({ phone: '+358', department: 'Sales' });
  });

  it.each([
    ['an absent body', undefined, '', 'a body is required'],
    ['an array', [], '', 'must be a JSON object of fields; the whole record cannot be replaced'],
    ['a single value', 'x', '', 'must be a JSON object of fields; the whole record cannot be replaced'],
    ['unreadable JSON', new UnreadableBody(400, 'The body is not valid JSON.'), '', 'The body is not valid JSON.'],
    ['an unknown field', { colour: 'red' }, '/colour', 'unknown field "colour"'],
  ])('refuses %s with 400 "The body is invalid." and the cause at its pointer', (_name, payload, pointer, detail) => {
    const problem = thrown(ProblemException, () => readFieldsObject(schema, payload, limits));
    expect(problem.getStatus()).toBe(400);
    expect(problem.problem).toMatchObject({ detail: 'The body is invalid.', errors: [{ pointer, detail }] });
  });

  it('refuses nesting deeper than the limit before any other walk', () => {
    const problem = thrown(ProblemException, () => readFieldsObject(schema, { address: { a: { b: { c: { d: 1 } } } } }, limits));
    expect(problem.getStatus()).toBe(400);
  });

  it('answers 415 for a media type no parser takes', () => {
    expect(thrown(ProblemException, () => readFieldsObject(schema, new UnreadableBody(415, 'not here'), limits)).getStatus()).toBe(415);
  });
});

describe('acceptedMediaType', () => {
  const accepted = ['application/merge-patch+json', 'application/json'];

  it('answers the media type without parameters, in lower case', () => {
    expect(acceptedMediaType({ contentType: 'Application/JSON; charset=utf-8', payload: {} }, accepted)).toBe('application/json');
  });

  it.each([['text/plain'], [undefined]])('refuses %s with 415 and Accept-Patch', (contentType) => {
    const problem = thrown(ProblemException, () => acceptedMediaType({ contentType, payload: {} }, accepted));
    expect(problem.getStatus()).toBe(415);
    expect(problem.problem.headers).toEqual({ 'Accept-Patch': 'application/merge-patch+json, application/json' });
  });
});
