// Runs in every e2e test file before it loads: refuse any database not made for tests.
const url = process.env.TEST_DATABASE_URL;
if (!url) throw new Error('TEST_DATABASE_URL is not set: run the e2e tests through jest (globalSetup starts PostgreSQL).');
const name = new URL(url).pathname.slice(1);
if (!/test/i.test(name)) throw new Error(`Refusing to run e2e tests against database "${name}": its name must say "test".`);
