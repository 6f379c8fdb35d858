import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
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

**Errors.** Every refusal is an RFC 9457 \`application/problem+json\` document
\`{type, title, status, detail, instance, requestId, errors?: [{pointer, detail}]}\`.

**Operations.** \`X-Request-Id\` is echoed or generated. Rate limits per token and per IP answer
429 with \`Retry-After\` (seconds).
`;

/** Swagger UI at /docs and the OpenAPI 3 document at /docs-json. */
export function setUpOpenApi(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Customer update API')
    .setDescription(DESCRIPTION)
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  documentReferenceLanguages(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
