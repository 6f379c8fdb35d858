import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load-config';
import { Role, ROLES, SCOPES } from '../src/auth/actor';
import { signAccessToken } from '../src/auth/token-signer';

const USAGE =
  'usage: npm run token -- --sub <caller> --company <uuid> --role user|admin|superadmin [--scope "..."] [--ttl seconds]';

/** Prints a signed access token for local use, with every scope unless --scope narrows it. */
function main(): void {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      company: { type: 'string' },
      role: { type: 'string' },
      scope: { type: 'string', default: SCOPES.join(' ') },
      ttl: { type: 'string' },
    },
  });
  if (!values.sub || !values.company || !ROLES.includes(values.role as Role)) throw new Error(USAGE);
  const config = loadConfig(process.env);
  const token = signAccessToken(config.jwt, {
    sub: values.sub,
    companyId: values.company,
    role: values.role as Role,
    scope: values.scope,
    ttlSeconds: values.ttl ? Number(values.ttl) : undefined,
  });
  process.stdout.write(`${token}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
