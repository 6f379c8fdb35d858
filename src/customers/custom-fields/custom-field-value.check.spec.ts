import { CustomFieldConfig } from './custom-field-config';
import { customFieldValueProblem } from './custom-field-value.check';
import { regexProblem } from './regex-safety';

const config = (overrides: Partial<CustomFieldConfig>): CustomFieldConfig => ({
  id: 1,
  name: 'Persons',
  description: null,
  dataType: 'TextBox',
  isMandatory: false,
  mandatoryErrorMessage: null,
  maxLength: null,
  regEx: null,
  regExErrorMessage: null,
  defaultValue: null,
  values: [],
  ...overrides,
});

describe('customFieldValueProblem', () => {
  it('enforces mandatory with its message', () => {
    expect(customFieldValueProblem(config({ isMandatory: true, mandatoryErrorMessage: 'Required!' }), '')).toBe('Required!');
    expect(customFieldValueProblem(config({ isMandatory: true }), null)).toMatch(/mandatory/);
    expect(customFieldValueProblem(config({}), null)).toBeUndefined();
  });

  it('enforces maxLength at its boundary', () => {
    expect(customFieldValueProblem(config({ maxLength: 3 }), 'abc')).toBeUndefined();
    expect(customFieldValueProblem(config({ maxLength: 3 }), 'abcd')).toMatch(/at most 3/);
  });

  it('matches the regex and answers with its message', () => {
    const zip = config({ regEx: '^\\d{5}$', regExErrorMessage: 'Five digits' });
    expect(customFieldValueProblem(zip, '00100')).toBeUndefined();
    expect(customFieldValueProblem(zip, '0010')).toBe('Five digits');
  });

  it('checks each data type', () => {
    const dropDown = config({ dataType: 'DropDown', values: [{ value: 'S' }, { value: 'M' }] });
    expect(customFieldValueProblem(dropDown, 'M')).toBeUndefined();
    expect(customFieldValueProblem(dropDown, 'XL')).toMatch(/one of/);
    expect(customFieldValueProblem(config({ dataType: 'Number' }), '-12.5')).toBeUndefined();
    expect(customFieldValueProblem(config({ dataType: 'Number' }), '12a')).toMatch(/number/);
    expect(customFieldValueProblem(config({ dataType: 'Date' }), '2024-02-29')).toBeUndefined();
    expect(customFieldValueProblem(config({ dataType: 'Date' }), '2023-02-29')).toMatch(/date/);
    expect(customFieldValueProblem(config({ dataType: 'CheckBox' }), 'true')).toBeUndefined();
    expect(customFieldValueProblem(config({ dataType: 'CheckBox' }), 'yes')).toMatch(/true or false/);
  });
});

describe('regexProblem', () => {
  it('accepts ordinary patterns and refuses invalid or catastrophic ones', () => {
    expect(regexProblem('^[A-Z]{2}\\d{4}$')).toBeUndefined();
    expect(regexProblem('([a-z')).toMatch(/not a valid/);
    expect(regexProblem('^(a+)+$')).toMatch(/exponential/);
    expect(regexProblem('(x+x+)+y')).toMatch(/exponential/);
  });
});
