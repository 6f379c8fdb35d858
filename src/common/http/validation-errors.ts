import { ValidationError } from 'class-validator';
import { ProblemFieldError } from './problem.exception';
import { formatPointer } from '../patch/json-pointer';

/** Flattens class-validator's tree into one `{pointer, detail}` per failed constraint. */
export function validationErrorsToProblems(
  errors: ValidationError[],
  parent: string[] = [],
): ProblemFieldError[] {
  const problems: ProblemFieldError[] = [];
  for (const error of errors) {
    const path = [...parent, error.property];
    for (const message of Object.values(error.constraints ?? {})) {
      problems.push({ pointer: formatPointer(path), detail: message });
    }
    if (error.children?.length) problems.push(...validationErrorsToProblems(error.children, path));
  }
  return problems;
}
