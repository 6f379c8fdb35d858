/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are compared as parsed JSON */
import { Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import type { Response as LightMyRequestResponse } from 'light-my-request';
import { decodeXml, expectWellFormed } from '../src/common/http/xml/xml-reader.fixture';
import { resourceShape, XmlShape } from '../src/common/http/xml/xml-shape';
import { isUnsafeKey } from '../src/common/patch';
import { resourceSchema } from '../src/common/resource/resource-registry';
import { ContactResource } from '../src/contacts/contact.resource';
import { CustomerObjectResource } from '../src/customer-objects/customer-object.resource';
import { CustomerResource } from '../src/customers/customer.resource';
import { startTestApp } from './helpers/test-app';
import { actorToken, bearer, newCompany } from './helpers/tokens';

/** Records per resource; FUZZ_RUNS=500 for a long hunt. Fixed seed, so a failure repeats. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10);
const SEED = 9;
/** Jest's per-test limit, grown with the run count (each run is a handful of requests). */
const TIMEOUT_MS = 10_000 + RUNS * 300;

/**
 * Text PostgreSQL can store (no NUL, no lone surrogate: those are 422, storable-text.ts),
 * biased towards what breaks XML: markup, entities, `]]>`, controls, CR, U+FFFE/FFFF, astral.
 */
const text = fc
  .array(
    fc.oneof(
      fc.constantFrom('<', '>', '&', '"', "'", ']]>', '<![CDATA[', '-->', '&amp;', '&#0;', '\\', '\\u0001', '\r', '\r\n', '\n', '\t'),
      fc.constantFrom('\u0001', '\u0008', '\u000B', '\u000C', '\u001B', '\u001F', '\uFFFE', '\uFFFF', '😀', '𝄞', '\u007F', '\u0085'),
      fc.constantFrom('x><companyId>forged</companyId><y', '"/><companyId>forged</companyId><entry key="', '<_id>0</_id>', 'xml'),
      fc.string({ unit: 'binary', maxLength: 8 }).map((value) => value.replaceAll('\u0000', '')),
    ),
    { maxLength: 5 },
  )
  .map((parts) => parts.join(''));

/** A free-form key: any storable text the API accepts as a member name. */
const key = text.filter((candidate) => candidate.length <= 100 && !isUnsafeKey(candidate));

const scalar = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));

/** Any JSON (securityCode and key are free-form values of any type). */
const freeForm = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    scalar,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value;

interface Target {
  resource: Type;
  collection: string;
  idOf: (body: Record<string, any>) => string | number;
  create: fc.Arbitrary<Record<string, unknown>>;
  change: fc.Arbitrary<Record<string, unknown>>;
}

const TARGETS: Record<string, Target> = {
  CustomerObject: {
    resource: CustomerObjectResource,
    collection: '/v2/objects',
    idOf: (body) => body._id,
    create: fc.record({ name: fc.constant('Main office'), description: text, securityCode: freeForm, key: freeForm }),
    change: fc.record({ securityCode: freeForm, key: freeForm }),
  },
  Contact: {
    resource: ContactResource,
    collection: '/api/v1/Contact',
    idOf: (body) => body.contactId,
    create: fc.record({ name: fc.constant('Global Industries'), description: text, customFields: fc.dictionary(key, scalar, { maxKeys: 6 }) }),
    change: fc.record({ customFields: fc.dictionary(key, scalar, { maxKeys: 6 }) }),
  },
  Customer: {
    resource: CustomerResource,
    collection: '/customers',
    idOf: (body) => body.id,
    create: fc.record({
      firstName: fc.constant('Anna'),
      notes: text,
      customProperties: fc.dictionary(key, text, { maxKeys: 6 }),
    }),
    change: fc.record({ customProperties: fc.dictionary(key, text, { maxKeys: 6 }) }),
  },
};

/** Every element name the resource's XML may use: its declared fields at any depth, entry and item. */
function allowedNames(root: string, shape: XmlShape): Set<string> {
  const names = new Set([root, `${root}List`, 'entry', 'item', 'items', 'nextCursor']);
  const seen = new Set<XmlShape>();
  const walk = (current: XmlShape) => {
    if (seen.has(current)) return;
    seen.add(current);
    for (const [name, nested] of current.fields) {
      names.add(name);
      walk(nested);
    }
  };
  walk(shape);
  return names;
}

describe('XML is well-formed and carries exactly the JSON (API.md §1.9)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const get = (token: string, url: string, accept: string) => app.inject({ method: 'GET', url, headers: { ...bearer(token), accept } });

  /** The same read as JSON and as XML: the XML is well-formed and decodes to the JSON body. */
  async function expectXmlEqualsJson(token: string, url: string, root: string, names?: Set<string>): Promise<string> {
    const json = await get(token, url, 'application/json');
    const xml = await get(token, url, 'application/xml');
    expect([json.statusCode, xml.statusCode]).toEqual([json.statusCode, json.statusCode]);
    expect(xml.headers['content-type']).toMatch(/^application\/(problem\+)?xml; charset=utf-8$/);
    expectWellFormed([xml.body]);
    const decoded = decodeXml(xml.body);
    expect({ root: decoded.root, value: decoded.value }).toEqual({ root, value: json.json() });
    if (names) expect([...decoded.elementNames].filter((name) => !names.has(name))).toEqual([]);
    return xml.body;
  }

  function ok(response: LightMyRequestResponse, status: number): Record<string, any> {
    if (response.statusCode !== status) throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body}`);
    return response.json();
  }

  describe.each(Object.entries(TARGETS))('%s', (root, target) => {
    const token = actorToken('admin', newCompany());
    const names = allowedNames(root, resourceShape(resourceSchema(target.resource)));

    it('any free-form keys and text, created and merge-patched: GET, list page and history read back as the JSON', async () => {
      const written: string[] = [];
      await fc.assert(
        fc.asyncProperty(target.create, target.change, async (create, change) => {
          const created = ok(await app.inject({ method: 'POST', url: target.collection, headers: bearer(token), payload: create }), 201);
          const url = `${target.collection}/${target.idOf(created)}`;
          ok(
            await app.inject({
              method: 'PATCH',
              url,
              headers: { ...bearer(token), 'content-type': 'application/merge-patch+json' },
              payload: JSON.stringify(change),
            }),
            200,
          );
          written.push(await expectXmlEqualsJson(token, url, root, names));
          await expectXmlEqualsJson(token, `${url}/history`, 'History');
        }),
        { seed: SEED, numRuns: RUNS },
      );
      // The generator reached the cases that matter: data keys and characters XML 1.0 cannot carry.
      expect(written.some((xml) => /<entry key="[^"]*[<>&]/.test(xml))).toBe(true);
      expect(written.some((xml) => xml.includes('escaped="true"'))).toBe(true);
      // One page holding every record written above: one odd record must not break the page.
      await expectXmlEqualsJson(token, `${target.collection}?limit=200`, `${root}List`, names);
    }, TIMEOUT_MS);
  });

  it('a securityCode key that looks like markup stays inside its entry: no forged <companyId>', async () => {
    const company = newCompany();
    const token = actorToken('admin', company);
    const created = ok(await app.inject({ method: 'POST', url: '/v2/objects', headers: bearer(token), payload: { name: 'Main office' } }), 201);
    const url = `/v2/objects/${created._id}`;
    const forged = `x><companyId>${newCompany()}</companyId><y`;
    const patched = await app.inject({
      method: 'PATCH',
      url,
      headers: { ...bearer(token), 'content-type': 'application/merge-patch+json' },
      payload: JSON.stringify({ securityCode: { [forged]: 'v' } }),
    });
    ok(patched, 200);

    const xml = await expectXmlEqualsJson(token, url, 'CustomerObject');
    expect(xml.match(/<companyId>[^<]*<\/companyId>/g)).toEqual([`<companyId>${company}</companyId>`]);
    expect(xml).toContain('<securityCode type="object"><entry key="x&gt;&lt;companyId&gt;');
  });

  it('problems are well-formed XML too, even when their detail quotes any key the client sent', async () => {
    const token = actorToken('admin', newCompany());
    const created = ok(await app.inject({ method: 'POST', url: '/v2/objects', headers: bearer(token), payload: { name: 'Main office' } }), 201);
    await fc.assert(
      fc.asyncProperty(key, async (unknownField) => {
        const url = `/v2/objects/${created._id}`;
        const send = (accept: string) =>
          app.inject({
            method: 'PATCH',
            url,
            headers: { ...bearer(token), accept, 'content-type': 'application/merge-patch+json' },
            payload: JSON.stringify({ [`${unknownField}<x>`]: 1 }),
          });
        const [json, xml] = [await send('application/json'), await send('application/xml')];
        expect(json.statusCode).toBe(400);
        expect(xml.headers['content-type']).toBe('application/problem+xml; charset=utf-8');
        expectWellFormed([xml.body]);
        // Two requests, two request ids: everything else is the same problem.
        const decoded = decodeXml(xml.body);
        const xmlProblem = decoded.value as Record<string, unknown>;
        expect(xmlProblem.requestId).toEqual(expect.any(String));
        expect({ root: decoded.root, ...xmlProblem, requestId: 'same' }).toEqual({ root: 'problem', ...json.json(), requestId: 'same' });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, TIMEOUT_MS);
});
