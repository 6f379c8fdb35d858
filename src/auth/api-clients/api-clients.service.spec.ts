import crypto from 'node:crypto';
import { Repository } from 'typeorm';
import { ApiClientEntity } from './api-client.entity';
import { ApiClientsService } from './api-clients.service';
import { hashClientSecret } from './client-secret';

/* eslint-disable @typescript-eslint/no-explicit-any -- scrypt's overloads are recorded as plain arguments */

/** What one secret check asked scrypt to do: everything but the secret itself. */
type ScryptWork = { saltBytes: number; keyLength: number; options: unknown };

describe('ApiClientsService.authenticate: no timing oracle for client ids', () => {
  const knownId = '6f1c0c55-8a0a-4d4e-9f4b-1c1a2b3c4d5e';
  let stored: ApiClientEntity;
  let service: ApiClientsService;
  let work: ScryptWork[];

  beforeAll(async () => {
    stored = { clientId: knownId, companyId: knownId, name: 'c', role: 'admin', scope: 'customers:read', secretHash: await hashClientSecret('right'), createdAt: new Date() };
    const repository = { findOneBy: async ({ clientId }: { clientId: string }) => (clientId === knownId ? stored : null) };
    service = new ApiClientsService(repository as unknown as Repository<ApiClientEntity>);
  });

  beforeEach(() => {
    work = [];
    const real = crypto.scrypt as any;
    jest.spyOn(crypto, 'scrypt').mockImplementation(((secret: unknown, salt: Buffer, keyLength: number, options: unknown, callback: any) => {
      work.push({ saltBytes: salt.length, keyLength, options });
      real(secret, salt, keyLength, options, callback);
    }) as any);
  });
  afterEach(() => jest.restoreAllMocks());

  async function workFor(clientId: string, secret: string) {
    work = [];
    const result = await service.authenticate(clientId, secret);
    return { result, work };
  }

  it('a known id with a wrong secret, an unknown id and a malformed id each run one scrypt of the same cost', async () => {
    const wrongSecret = await workFor(knownId, 'wrong');
    const unknownId = await workFor('0b8e6a52-3f4c-4c1e-8d0a-9f6d2a1b7c3e', 'wrong');
    const malformedId = await workFor('not-a-uuid', 'wrong');
    for (const attempt of [wrongSecret, unknownId, malformedId]) {
      expect(attempt.result).toBeNull();
      expect(attempt.work).toHaveLength(1);
      expect(attempt.work).toEqual(wrongSecret.work);
    }
    expect(wrongSecret.work[0]).toMatchObject({ saltBytes: 16, keyLength: 32, options: expect.objectContaining({ N: 16384, r: 8, p: 1 }) });
  });

  it('the right secret runs the same single scrypt and returns the client', async () => {
    const right = await workFor(knownId, 'right');
    const wrong = await workFor(knownId, 'wrong');
    expect(right.result).toBe(stored);
    expect(right.work).toEqual(wrong.work);
  });
});
