import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * An empty database of a suite's own on the test server: for suites that need a schema migrated
 * from nothing, or an outbox no other suite's deliveries share. `create` before use, `drop` after.
 */
export class OwnDatabase {
  readonly url: string;
  private readonly name: string;
  private readonly admin: Client;

  constructor(prefix: string) {
    this.name = `cua_${prefix}_${randomBytes(4).toString('hex')}`;
    const server = new URL(process.env.TEST_DATABASE_URL!);
    this.url = Object.assign(new URL(server), { pathname: `/${this.name}` }).toString();
    this.admin = new Client({ connectionString: server.toString() });
  }

  async create(): Promise<void> {
    await this.admin.connect();
    await this.admin.query(`CREATE DATABASE ${this.name}`);
  }

  async drop(): Promise<void> {
    await this.admin.query(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`);
    await this.admin.end();
  }
}
