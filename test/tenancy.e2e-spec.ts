import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startTestApp } from './helpers/test-app';
import { actorToken, bearer, newCompany, TestRole } from './helpers/tokens';

describe('tenancy: the company a call acts on (API.md §1.2)', () => {
  let app: NestFastifyApplication;
  const own = newCompany();
  const other = newCompany();

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const effectiveCompany = async (role: TestRole, query = '') => {
    const response = await app.inject({ method: 'GET', url: `/auth/me${query}`, headers: bearer(actorToken(role, own)) });
    return { status: response.statusCode, company: response.json().effectiveCompanyId as string | null };
  };

  it.each<TestRole>(['user', 'admin'])('%s acts on its own company by default and with a blank companyId', async (role) => {
    expect(await effectiveCompany(role)).toEqual({ status: 200, company: own });
    expect(await effectiveCompany(role, '?companyId=')).toEqual({ status: 200, company: own });
    expect(await effectiveCompany(role, `?companyId=${own}`)).toEqual({ status: 200, company: own });
  });

  it.each<TestRole>(['user', 'admin'])('%s naming another company gets 404, as for a record it may not see', async (role) => {
    const response = await app.inject({
      method: 'GET',
      url: `/auth/me?companyId=${other}`,
      headers: bearer(actorToken(role, own)),
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ status: 404, detail: 'Not found.' });
  });

  it('superadmin sees every company without companyId and picks one with it', async () => {
    expect(await effectiveCompany('superadmin')).toEqual({ status: 200, company: null });
    expect(await effectiveCompany('superadmin', `?companyId=${other}`)).toEqual({ status: 200, company: other });
  });

  it('superadmin gets 400 naming companyId when it is not a uuid', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/auth/me?companyId=acme',
      headers: bearer(actorToken('superadmin', own)),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ pointer: '/companyId', detail: 'must be a uuid' }]);
  });
});
