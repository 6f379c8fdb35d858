/* eslint-disable @typescript-eslint/no-explicit-any -- the OpenAPI document is checked field by field */
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startTestApp } from './helpers/test-app';

describe('OpenAPI document (/docs-json) and Swagger UI (/docs)', () => {
  let app: NestFastifyApplication;
  let document: any;

  beforeAll(async () => {
    app = await startTestApp();
    const response = await app.inject({ method: 'GET', url: '/docs-json' });
    expect(response.statusCode).toBe(200);
    document = response.json();
  });
  afterAll(() => app.close());

  it('serves Swagger UI without a token', async () => {
    const ui = await app.inject({ method: 'GET', url: '/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('is OpenAPI 3 with bearer JWT security', () => {
    expect(document.openapi).toMatch(/^3\./);
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  });

  it.each([
    ['/v2/objects', ['get', 'post']],
    ['/v2/objects/{id}', ['get', 'patch']],
    ['/v2/objects/{id}/history', ['get']],
    ['/api/v1/Contact', ['get', 'post']],
    ['/api/v1/Contact/{id}', ['get', 'patch']],
    ['/api/v1/Contact/{id}/history', ['get']],
    ['/api/v1/List/{name}/Items', ['get']],
    ['/customers', ['get', 'post', 'patch']],
    ['/customers/{id}', ['get', 'patch', 'put']],
    ['/customers/{id}/history', ['get']],
    ['/customers/custom-fields', ['get', 'post']],
    ['/auth/token', ['post']],
    ['/auth/me', ['get']],
    ['/health', ['get']],
  ])('documents %s (%j)', (path, methods) => {
    expect(Object.keys(document.paths[path] ?? {}).sort()).toEqual([...methods].sort());
  });

  it('documents the three patch media types, each with its own body, the preconditions and every refusal of a PATCH', () => {
    const operation = document.paths['/v2/objects/{id}'].patch;
    const content = operation.requestBody.content;
    expect(Object.keys(content).sort()).toEqual(['application/json', 'application/json-patch+json', 'application/merge-patch+json']);
    expect(content['application/merge-patch+json'].schema).toEqual({ $ref: '#/components/schemas/CustomerObjectResourceMergePatch' });
    expect(content['application/json-patch+json'].schema).toEqual({ $ref: '#/components/schemas/JsonPatch' });
    expect(content['application/json'].schema.oneOf).toEqual([content['application/merge-patch+json'].schema, content['application/json-patch+json'].schema]);
    expect(Object.keys(content['application/merge-patch+json'].examples)).toEqual(['mergePatch']);
    expect(Object.keys(content['application/json-patch+json'].examples)).toEqual(['jsonPatch']);
    expect(operation.parameters.map((p: any) => p.name)).toEqual(
      expect.arrayContaining(['$select', 'dryRun', 'companyId', 'If-Match', 'If-Unmodified-Since', 'Prefer']),
    );
    expect(Object.keys(operation.responses).sort()).toEqual(
      ['200', '204', '400', '401', '403', '404', '406', '409', '412', '413', '415', '422', '429', '503'].sort(),
    );
    expect(operation.responses['404'].content['application/problem+json']).toBeDefined();
    expect(operation.responses['415'].headers['Accept-Patch']).toBeDefined();
    expect(operation.responses['204'].headers).toEqual(expect.objectContaining({ ETag: expect.anything(), 'Preference-Applied': expect.anything() }));
  });

  it('describes a merge patch as the writable fields only, optional and nullable, nested objects as their own merge patches', () => {
    const patch = document.components.schemas.CustomerObjectResourceMergePatch;
    expect(patch.required).toBeUndefined();
    expect(patch.additionalProperties).toBe(true);
    expect(patch.properties._id).toBeUndefined();
    expect(patch.properties.name.nullable).toBe(true);
    expect(patch.properties.status.allOf).toEqual([{ $ref: '#/components/schemas/ObjectStatusMergePatch' }]);
    expect(Object.keys(document.components.schemas.ObjectStatusMergePatch.properties)).toEqual(['status']);
  });

  it('describes each JSON Patch operation with the members it requires', () => {
    const { schemas } = document.components;
    expect(schemas.JsonPatch.items).toEqual({ $ref: '#/components/schemas/JsonPatchOperation' });
    expect(schemas.JsonPatchOperation.oneOf).toHaveLength(6);
    expect(schemas.JsonPatchAdd.required).toEqual(['op', 'path', 'value']);
    expect(schemas.JsonPatchRemove.required).toEqual(['op', 'path']);
    expect(schemas.JsonPatchMove.required).toEqual(['op', 'path', 'from']);
    expect(schemas.JsonPatchTest.properties.op.enum).toEqual(['test']);
  });

  it('leaves no $ref without a name, and every nested field points to its schema', () => {
    expect(JSON.stringify(document)).not.toContain('"#/components/schemas/"');
    expect(document.components.schemas.CustomerObjectResource.properties.status.allOf).toEqual([{ $ref: '#/components/schemas/ObjectStatus' }]);
    expect(document.components.schemas.CustomerResource.properties.accessKeys.items).toEqual({ $ref: '#/components/schemas/AccessKey' });
  });

  it('gives seed 003 PUT, seed 004 PATCH /customers, history and list items their schemas', () => {
    expect(document.paths['/customers/{id}'].put.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CustomerPutRequest' });
    const byIdentifier = document.paths['/customers'].patch.requestBody.content['application/json'].schema;
    expect(byIdentifier.allOf[0]).toEqual({ $ref: '#/components/schemas/CustomerResourceMergePatch' });
    expect(byIdentifier.allOf[1].properties.customerId.type).toBe('integer');
    expect(document.paths['/customers/{id}/history'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/HistoryPageDto' });
    expect(document.components.schemas.HistoryEntryDto.properties.ops.items).toEqual({ $ref: '#/components/schemas/JsonPatchOperation' });
    expect(document.paths['/api/v1/List/{name}/Items'].get.responses['200'].content['application/json'].schema.items).toEqual({ $ref: '#/components/schemas/ListItemDto' });
  });

  it('types the custom field configs and the caller, and marks optional query parameters optional', () => {
    const config = document.components.schemas.CustomFieldConfigDto.properties;
    expect(config.description).toMatchObject({ type: 'string', nullable: true });
    expect(config.maxLength).toMatchObject({ type: 'integer', nullable: true });
    expect(document.components.schemas.WhoAmIDto.properties.effectiveCompanyId).toMatchObject({ type: 'string', nullable: true });
    const companyId = document.paths['/auth/me'].get.parameters.find((p: any) => p.name === 'companyId');
    expect(companyId.required).toBe(false);
  });

  it('marks the public routes with security: [] and every other route with the bearer scheme', () => {
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/health'].get.security).toEqual([]);
    expect(document.paths['/auth/token'].post.security).toEqual([]);
    expect(document.paths['/auth/me'].get.security).toEqual([{ bearer: [] }]);
  });

  it('documents 401 with WWW-Authenticate, 406 everywhere, 429 and 503 with Retry-After where they can happen', () => {
    for (const [path, item] of Object.entries<any>(document.paths)) {
      for (const [method, operation] of Object.entries<any>(item)) {
        const where = `${method} ${path}`;
        expect([where, Object.keys(operation.responses)]).toEqual([where, expect.arrayContaining(['406'])]);
        if (operation.security?.length !== 0) expect([where, operation.responses['401'].headers['WWW-Authenticate']]).toEqual([where, expect.anything()]);
        if (operation.responses['429']) expect(operation.responses['429'].headers['Retry-After']).toBeDefined();
      }
    }
    expect(document.paths['/health'].get.responses['429']).toBeUndefined();
    expect(document.paths['/customers/{id}'].get.responses['503'].headers['Retry-After']).toBeDefined();
    expect(document.paths['/auth/token'].post.responses['503']).toBeDefined();
  });

  it('documents ETag, Last-Modified and 304 on record reads, and Cache-Control on authenticated answers', () => {
    const get = document.paths['/api/v1/Contact/{id}'].get;
    expect(Object.keys(get.responses['200'].headers)).toEqual(expect.arrayContaining(['ETag', 'Last-Modified', 'Cache-Control', 'X-Request-Id']));
    expect(get.responses['304']).toBeDefined();
    expect(get.parameters.map((p: any) => p.name)).toContain('If-None-Match');
    expect(document.paths['/health'].get.responses['200'].headers['Cache-Control']).toBeUndefined();
  });

  it('offers JSON and XML answers, problems as application/problem+json', () => {
    expect(Object.keys(document.paths['/customers/{id}'].get.responses['200'].content)).toEqual(['application/json', 'application/xml', 'text/xml']);
    expect(Object.keys(document.paths['/customers/{id}'].get.responses['404'].content)).toEqual(['application/problem+json', 'application/problem+xml']);
  });

  it('names its servers and its license', () => {
    expect(document.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(document.info.license.name).toBeTruthy();
  });

  it('carries the seed examples: seed 002 Department patch, seed 003 PUT and seed 004 PATCH bodies', () => {
    const contactPatch = document.paths['/api/v1/Contact/{id}'].patch.requestBody.content['application/json-patch+json'];
    expect(JSON.stringify(contactPatch.examples)).toContain('/Department');
    expect(document.paths['/customers/{id}'].put.requestBody.content['application/json'].examples.seed003.value.accessKeysToDelete).toEqual([]);
    expect(document.paths['/customers'].patch.requestBody.content['application/json'].examples.seed004.value.customerId).toBe(1);
    expect(document.paths['/customers'].patch.description).toContain('PersonalId');
  });

  it('marks read-only and GDPR fields in the schemas', () => {
    const customer = document.components.schemas.CustomerResource.properties;
    expect(customer.customerNumber.readOnly).toBe(true);
    expect(customer.email.description).toMatch(/GDPR/);
    expect(customer.phone.description).toMatch(/telNumber1/);
  });
});
