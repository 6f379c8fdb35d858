import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { Repository } from 'typeorm';
import { Role, SCOPES } from '../actor';
import { ApiClientEntity } from './api-client.entity';
import { DUMMY_SECRET_HASH, generateClientSecret, hashClientSecret, verifyClientSecret } from './client-secret';

export interface NewApiClient {
  companyId: string;
  scope: string;
  name?: string;
  role?: Role;
}

@Injectable()
export class ApiClientsService {
  constructor(@InjectRepository(ApiClientEntity) private readonly clients: Repository<ApiClientEntity>) {}

  /** Creates a client; the secret is returned once and only its hash is stored. */
  async create(input: NewApiClient): Promise<{ clientId: string; clientSecret: string }> {
    if (!isUUID(input.companyId)) throw new Error('companyId must be a uuid');
    const unknown = input.scope.split(' ').filter((s) => s && !(SCOPES as readonly string[]).includes(s));
    if (unknown.length) throw new Error(`Unknown scope(s): ${unknown.join(', ')}`);
    const clientId = randomUUID();
    const clientSecret = generateClientSecret();
    await this.clients.insert({
      clientId,
      companyId: input.companyId.toLowerCase(),
      name: input.name ?? 'api client',
      role: input.role ?? 'admin',
      scope: input.scope,
      secretHash: await hashClientSecret(clientSecret),
    });
    return { clientId, clientSecret };
  }

  /** The client when id and secret match, otherwise null (in constant time either way). */
  async authenticate(clientId: string, clientSecret: string): Promise<ApiClientEntity | null> {
    const client = isUUID(clientId) ? await this.clients.findOneBy({ clientId }) : null;
    const matches = await verifyClientSecret(clientSecret, client?.secretHash ?? DUMMY_SECRET_HASH);
    return client && matches ? client : null;
  }
}
