import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { addMergePatchSchemas, JSON_PATCH_SCHEMAS, narrowPatchBodies } from './common/resource/openapi-schemas';
import { documentReferenceLanguages } from './reference-lists/content-language.openapi';

const DESCRIPTION = `
Multi-tenant API that updates customer data (CustomerObjects, Contacts, Customers).

**Authentication.** \`Authorization: Bearer <JWT>\` with claims \`sub\`, \`companyId\`, \`role\`
(user | admin | superadmin), \`scope\` (space-separated) and \`exp\`. A missing header is 401
"Authentication credentials were not provided"; any bad token is 401 "Invalid token". Every 401
carries \`WWW-Authenticate: Bearer\`. A call without the scope it needs is 403.
Partner integrations get tokens from \`POST /auth/token\` (client credentials).

**Tenancy.** A caller sees only its company's records; a superadmin sees all and picks one with
\`?companyId=\`. A record the caller may not see is 404, never 403.

**Names.** Input names (body members, JSON Patch paths, \`$select\`) are case-insensitive and
the seeds' aliases bind, so the vendors' PascalCase samples work; the schemas show the camelCase
names the responses use. Keys inside free-form values are data and matched exactly.

**Errors.** Every refusal is an RFC 9457 \`application/problem+json\` document
\`{type, title, status, detail, instance, requestId, errors?: [{pointer, detail}]}\`
(\`application/problem+xml\` when XML was asked for). A method a path does not have is 405 with
\`Allow\`, on every path; an unknown path is 404.

**Formats.** JSON by default; \`Accept: application/xml\` or \`text/xml\` returns the same data as
XML; any other Accept is 406. \`Time-Zone\` renders date-times in an IANA zone.

**Caching.** Record GETs answer 304 to a matching \`If-None-Match\`. Every authenticated answer
carries \`Cache-Control: private, no-cache\`.

**Operations.** \`X-Request-Id\` is echoed or generated on every answer. Rate limits per token
and per IP answer 429 with \`Retry-After\` (seconds). A database outage is 503 with
\`Retry-After\` on every route that needs it, never a hang.
`;

/** Headers on every answer: API.md §1.9 (request id) and §1.12 (authenticated answers are private). */
const REQUEST_ID = { description: 'The request id: echoed from the request or generated', schema: { type: 'string' } };
const CACHE_CONTROL = { description: '`private, no-cache`: a browser may keep it and must revalidate', schema: { type: 'string' } };

/** The OpenAPI 3 document of every route, as served at /docs-json. */
export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Customer update API')
    .setDescription(DESCRIPTION)
    .setVersion('1.0')
    .addServer('/', 'The server that serves this document')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addSecurityRequirements('bearer')
    .build();
  // package.json says UNLICENSED: proprietary, so a name and no licence URL to point to.
  config.info.license = { name: 'Proprietary (UNLICENSED): all rights reserved' };
  const document = SwaggerModule.createDocument(app, config);
  Object.assign((document.components ??= {}).schemas ??= {}, JSON_PATCH_SCHEMAS);
  addMergePatchSchemas(document);
  narrowPatchBodies(document);
  addCommonHeaders(document);
  documentReferenceLanguages(document);
  return document;
}

/** Swagger UI at /docs and the OpenAPI 3 document at /docs-json. */
export function setUpOpenApi(app: NestFastifyApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}

/** X-Request-Id on every answer, Cache-Control on every answer of an operation that needs a token. */
function addCommonHeaders(document: OpenAPIObject): void {
  for (const path of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'patch', 'delete'] as const) {
      const operation = path[method];
      if (!operation) continue;
      const authenticated = (operation.security ?? document.security ?? []).length > 0;
      for (const response of Object.values(operation.responses)) {
        if (!response || '$ref' in response) continue;
        response.headers = { ...response.headers, 'X-Request-Id': REQUEST_ID, ...(authenticated ? { 'Cache-Control': CACHE_CONTROL } : {}) };
      }
    }
  }
}
