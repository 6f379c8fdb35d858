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

  it('documents the three patch media types, the preconditions and every refusal of a PATCH', () => {
    const operation = document.paths['/v2/objects/{id}'].patch;
    expect(Object.keys(operation.requestBody.content).sort()).toEqual([
      'application/json',
      'application/json-patch+json',
      'application/merge-patch+json',
    ]);
    expect(operation.parameters.map((p: any) => p.name)).toEqual(
      expect.arrayContaining(['$select', 'dryRun', 'companyId', 'If-Match', 'If-Unmodified-Since', 'Prefer']),
    );
    expect(Object.keys(operation.responses).sort()).toEqual(
      ['200', '204', '400', '401', '403', '404', '409', '412', '413', '415', '422', '429'].sort(),
    );
    expect(operation.responses['404'].content['application/problem+json']).toBeDefined();
  });

  it('carries the seed examples: seed 002 Department patch, seed 003 PUT and seed 004 PATCH bodies', () => {
    const contactPatch = document.paths['/api/v1/Contact/{id}'].patch.requestBody.content['application/json'];
    expect(JSON.stringify(contactPatch.examples)).toContain('Department');
    expect(JSON.stringify(document.paths['/customers/{id}'].put.requestBody)).toContain('AccessKeysToDelete');
    expect(JSON.stringify(document.paths['/customers'].patch.requestBody)).toContain('PersonalId');
  });

  it('marks read-only and GDPR fields in the schemas', () => {
    const customer = document.components.schemas.CustomerResource.properties;
    expect(customer.customerNumber.readOnly).toBe(true);
    expect(customer.email.description).toMatch(/GDPR/);
    expect(customer.phone.description).toMatch(/telNumber1/);
  });
});
