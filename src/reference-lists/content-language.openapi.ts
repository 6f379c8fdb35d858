import type { OpenAPIObject } from '@nestjs/swagger';
import { SUPPORTED_LANGUAGES } from './languages';

/** The routes whose answers carry reference names (contacts and the list items; not history). */
const ROUTES_WITH_NAMES = /^\/api\/v1\/(Contact|Contact\/\{id\}|List\/\{name\}\/Items)$/;
const METHODS = ['get', 'post', 'patch', 'put'] as const;
const LANGUAGES = SUPPORTED_LANGUAGES.join(' ');

const PARAMETERS = [
  {
    name: 'Accept-Language',
    in: 'header' as const,
    required: false,
    description: `Language of reference names (quality values honoured): one of \`${LANGUAGES}\`; others fall back to English.`,
    schema: { type: 'string', example: 'sv, en;q=0.5' },
  },
  {
    name: 'SO-Language',
    in: 'header' as const,
    required: false,
    description: `Seed 002: an ISO 639-1 code (\`${LANGUAGES}\`) that overrides Accept-Language. Unsupported: Accept-Language decides, else English.`,
    schema: { type: 'string', example: 'sv' },
  },
  {
    name: 'SO-Culture',
    in: 'header' as const,
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
 * API.md §3 in the OpenAPI document: the language headers on every operation that answers
 * reference names, and Content-Language/Vary on their 2xx answers. Added to the generated
 * document in one place because the shared resource decorators build those routes for every
 * resource, and only contacts carry names.
 */
export function documentReferenceLanguages(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    if (!ROUTES_WITH_NAMES.test(path)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operation.parameters = [...(operation.parameters ?? []), ...PARAMETERS];
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (!response || !/^2\d\d$/.test(status) || status === '204' || '$ref' in response) continue;
        response.headers = { ...(response.headers ?? {}), ...HEADERS };
      }
    }
  }
}
