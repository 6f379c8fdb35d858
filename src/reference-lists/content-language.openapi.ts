import type { OpenAPIObject } from '@nestjs/swagger';
import { SUPPORTED_LANGUAGES } from './languages';

const METHODS = ['get', 'post', 'patch', 'put'] as const;
const LANGUAGES = SUPPORTED_LANGUAGES.join(' ');

/** The request headers of a route whose answers carry reference names (@ReferenceNamesInLanguage). */
export const LANGUAGE_PARAMETERS = [
  {
    name: 'Accept-Language',
    required: false,
    description: `Language of reference names (quality values honoured): one of \`${LANGUAGES}\`; others fall back to English.`,
    schema: { type: 'string', example: 'sv, en;q=0.5' },
  },
  {
    name: 'SO-Language',
    required: false,
    description: `Seed 002: an ISO 639-1 code (\`${LANGUAGES}\`) that overrides Accept-Language. Unsupported: Accept-Language decides, else English.`,
    schema: { type: 'string', example: 'sv' },
  },
  {
    name: 'SO-Culture',
    required: false,
    description: 'Not applied: JSON numbers and ISO 8601 dates are culture-free, so the answer is the same with or without it.',
    schema: { type: 'string' },
  },
];

const HEADERS = {
  'Content-Language': { description: 'The language of the reference names in this answer', schema: { type: 'string', enum: [...SUPPORTED_LANGUAGES] } },
  Vary: { description: 'Includes `Accept-Language, SO-Language`', schema: { type: 'string' } },
};

/**
 * API.md §3 in the OpenAPI document: Content-Language and Vary on the 2xx answers of every
 * operation that takes the language headers, which @ReferenceNamesInLanguage declares on its
 * controllers (contacts and the list items; not history). Response headers of answers the
 * shared resource decorators build cannot be declared per controller, hence this pass.
 */
export function documentReferenceLanguages(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation?.parameters?.some((parameter) => 'in' in parameter && parameter.in === 'header' && parameter.name === 'SO-Language')) continue;
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (!response || !/^2\d\d$/.test(status) || status === '204' || '$ref' in response) continue;
        response.headers = { ...(response.headers ?? {}), ...HEADERS };
      }
    }
  }
}
