import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load-config';
import { Role, ROLES, SCOPES } from '../src/auth/actor';
import { ApiClientEntity } from '../src/auth/api-clients/api-client.entity';
import { ApiClientsService } from '../src/auth/api-clients/api-clients.service';
import { openScriptDatabase } from './script-database';

const USAGE =
  'usage: npm run client:create -- --company <uuid> [--scope "customers:read customers:write"] [--name "Partner"] [--role admin]';

/** Creates an API client and prints `{ "clientId", "clientSecret" }` once; the secret is stored hashed. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      company: { type: 'string' },
      scope: { type: 'string', default: SCOPES.join(' ') },
      name: { type: 'string', default: 'api client' },
      role: { type: 'string', default: 'admin' },
    },
  });
  if (!values.company || !ROLES.includes(values.role as Role)) throw new Error(USAGE);

  const database = await openScriptDatabase(loadConfig(process.env), [ApiClientEntity]);
  try {
    const service = new ApiClientsService(database.dataSource.getRepository(ApiClientEntity));
    const created = await service.create({
      companyId: values.company,
      scope: values.scope,
      name: values.name,
      role: values.role as Role,
    });
    process.stdout.write(`${JSON.stringify(created)}\n`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
