import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { newObject } from './helpers/factories';
import { startTestApp } from './helpers/test-app';
import { newAdmin } from './helpers/tokens';

/** A headless Chromium on this machine (CHROMIUM_PATH, or chromium / chromium-browser / google-chrome on PATH). */
function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : undefined;
  const dirs = (process.env.PATH ?? '').split(delimiter);
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    for (const dir of dirs) if (existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

const chromium = findChromium();

/** The README's browser example: GET, read the ETag, PATCH with If-Match; the outcome is written into the page. */
function pageScript(api: string, token: string, id: string): string {
  return `
    const out = document.getElementById('out');
    (async () => {
      const headers = { Authorization: 'Bearer ${token}' };
      const read = await fetch('${api}/v2/objects/${id}', { headers });
      const etag = read.headers.get('ETag');
      const written = await fetch('${api}/v2/objects/${id}', {
        method: 'PATCH',
        headers: { ...headers, 'Content-Type': 'application/merge-patch+json', 'If-Match': etag },
        body: JSON.stringify({ name: 'Renamed in a browser' }),
      });
      const body = await written.json();
      out.textContent = JSON.stringify({ read: read.status, etag, written: written.status, newEtag: written.headers.get('ETag'), name: body.name });
    })().catch((error) => (out.textContent = JSON.stringify({ blocked: String(error) })));`;
}

/** A tiny web server for one origin; `show` sets the page it serves. */
interface PageOrigin {
  url: string;
  show(html: string): void;
  close(): void;
}

async function startPageOrigin(): Promise<PageOrigin> {
  let page = '';
  const server: Server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(page));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    show: (html) => (page = html),
    close: () => server.close(),
  };
}

/** Loads the page in headless Chromium and answers what its script wrote. */
async function runInBrowser(url: string): Promise<Record<string, unknown>> {
  const { stdout } = await promisify(execFile)(
    chromium!,
    ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--virtual-time-budget=15000', '--dump-dom', url],
    { timeout: 60_000 },
  );
  const text = /<pre id="out">([^<]*)<\/pre>/.exec(stdout)?.[1] ?? '';
  return JSON.parse(text.replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as Record<string, unknown>;
}

/**
 * A real browser enforces CORS, which inject-level tests can only imitate. Skipped when no
 * Chromium is installed (CI on a fresh machine): the CORS headers themselves are covered by
 * cors.e2e-spec.ts either way.
 */
(chromium ? describe : describe.skip)('a real browser on another origin (API.md §1.11, README "Calling from a browser")', () => {
  let app: NestFastifyApplication;
  let allowedOrigin: PageOrigin;
  let otherOrigin: PageOrigin;
  let api: string;
  let token: string;

  beforeAll(async () => {
    allowedOrigin = await startPageOrigin();
    otherOrigin = await startPageOrigin();
    app = await startTestApp({ CORS_ORIGINS: allowedOrigin.url });
    await app.listen({ port: 0, host: '127.0.0.1' });
    api = `http://localhost:${(app.getHttpServer().address() as AddressInfo).port}`;
    token = newAdmin().token;
  });
  afterAll(async () => {
    await app.close();
    allowedOrigin.close();
    otherOrigin.close();
  });

  /** Serves the README example for a fresh record on `origin` and answers the page's URL. */
  async function examplePageOn(origin: PageOrigin): Promise<string> {
    const id = (await newObject(app, token))._id;
    origin.show(`<!doctype html><pre id="out"></pre><script>${pageScript(api, token, id)}</script>`);
    return `${origin.url}/`;
  }

  it('lets an allowed origin GET, read the ETag and PATCH with If-Match', async () => {
    const result = await runInBrowser(await examplePageOn(allowedOrigin));
    expect(result).toEqual({ read: 200, etag: '"1"', written: 200, newEtag: '"2"', name: 'Renamed in a browser' });
  }, 60_000);

  it('blocks a page on another origin: the browser refuses the answer', async () => {
    const result = await runInBrowser(await examplePageOn(otherOrigin));
    expect(result).toEqual({ blocked: expect.stringContaining('Failed to fetch') });
  }, 60_000);
});
