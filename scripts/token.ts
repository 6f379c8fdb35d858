import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load-config';
import { Role, ROLES, SCOPES } from '../src/auth/actor';
import { signAccessToken } from '../src/auth/token-signer';

const USAGE =
  'usage: npm run -s token -- --sub <caller> --company <uuid> --role user|admin|superadmin [--scope "..."] [--ttl seconds]';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Prints a signed access token for local use, with every scope unless --scope narrows it:
 * the token alone and a newline on stdout, so `TOKEN=$(npm run -s token -- …)` works (`-s`
 * keeps npm's own banner out of stdout). Reads `.env` like `npm start`, so both use the same
 * JWT_SECRET.
 */
function main(): void {
  if (existsSync('.env')) process.loadEnvFile('.env');
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
  if (!UUID.test(values.company)) throw new Error(`--company must be a uuid (the tenant id), got "${values.company}"\n${USAGE}`);
  if (values.ttl !== undefined && !/^[1-9]\d*$/.test(values.ttl)) throw new Error(`--ttl must be a whole number of seconds, got "${values.ttl}"`);
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
