import { testWithin } from './bounded-regex';
import { CustomFieldConfig, MAX_CUSTOM_FIELD_VALUE_LENGTH } from './custom-field-config';

/**
 * Longest one value may take to match its config's regex. Configs are checked for slow
 * patterns when made, but that check is heuristic (and older configs predate it): this bound
 * is what keeps a crafted value from stalling the service.
 */
const MATCH_LIMIT_MS = 50;

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * Why `value` is not acceptable for `config` (seed 003), or undefined when it is. The length
 * is capped and the regex runs with a time limit, so matching time stays bounded.
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
  if (config.regEx) {
    const matches = testWithin(config.regEx, value, MATCH_LIMIT_MS);
    if (matches === undefined) return `${config.name} could not be checked against the required format in time`;
    if (!matches) return config.regExErrorMessage ?? `${config.name} does not match the required format`;
  }
  return undefined;
}
