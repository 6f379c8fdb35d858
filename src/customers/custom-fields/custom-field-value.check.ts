import { CustomFieldConfig, MAX_CUSTOM_FIELD_VALUE_LENGTH } from './custom-field-config';

const compiled = new Map<string, RegExp>();

/** Each config regex is compiled once (it was checked for safety when the config was made). */
function regexOf(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (!regex) {
    regex = new RegExp(pattern);
    compiled.set(pattern, regex);
  }
  return regex;
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * Why `value` is not acceptable for `config` (seed 003), or undefined when it is. The length
 * is capped before the regex runs, so matching time stays bounded.
 */
export function customFieldValueProblem(config: CustomFieldConfig, value: string | null): string | undefined {
  if (value === null || value === '') {
    return config.isMandatory ? (config.mandatoryErrorMessage ?? `${config.name} is mandatory`) : undefined;
  }
  const maxLength = Math.min(config.maxLength ?? MAX_CUSTOM_FIELD_VALUE_LENGTH, MAX_CUSTOM_FIELD_VALUE_LENGTH);
  if (value.length > maxLength) return `${config.name} must be at most ${maxLength} characters`;
  switch (config.dataType) {
    case 'DropDown':
      if (!config.values.some((option) => option.value === value)) {
        return `${config.name} must be one of: ${config.values.map((option) => option.value).join(', ')}`;
      }
      break;
    case 'Number':
      if (!/^-?\d+(\.\d+)?$/.test(value)) return `${config.name} must be a number`;
      break;
    case 'Date':
      if (!isCalendarDate(value)) return `${config.name} must be a date YYYY-MM-DD`;
      break;
    case 'CheckBox':
      if (value !== 'true' && value !== 'false') return `${config.name} must be true or false`;
      break;
    case 'TextBox':
      break;
  }
  if (config.regEx && !regexOf(config.regEx).test(value)) {
    return config.regExErrorMessage ?? `${config.name} does not match the required format`;
  }
  return undefined;
}
