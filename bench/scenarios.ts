import type autocannon from 'autocannon';
import { SeededObject } from './seed';

/** One kind of request, built afresh (random object, random values) for every request sent. */
export interface Scenario {
  key: string;
  description: string;
  build(): Required<Omit<autocannon.RequestData, 'body'>> & { body?: string };
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];
const word = () => Math.random().toString(36).slice(2, 10);
const rating = () => Math.round(Math.random() * 50) / 10; // 0.0 .. 5.0
const mergeBody = () => JSON.stringify({ description: `Benchmark note ${word()} ${word()}`, rating: rating() });

function tokenOf(tokens: Map<string, string>, object: SeededObject): string {
  const token = tokens.get(object.companyId);
  if (!token) throw new Error(`no token for company ${object.companyId}`);
  return `Bearer ${token}`;
}

/** The app's scenarios: each request as an admin of the object's own company. */
export function appScenarios(objects: readonly SeededObject[], tokens: Map<string, string>): Scenario[] {
  return [
    {
      key: 'mergePatch',
      description: 'PATCH /v2/objects/:id, application/merge-patch+json {description, rating}',
      build: () => {
        const object = pick(objects);
        return {
          method: 'PATCH',
          path: `/v2/objects/${object.id}`,
          headers: { authorization: tokenOf(tokens, object), 'content-type': 'application/merge-patch+json' },
          body: mergeBody(),
        };
      },
    },
    {
      key: 'jsonPatch',
      description: 'PATCH /v2/objects/:id, application/json-patch+json replace /name and /tags (2 tags)',
      build: () => {
        const object = pick(objects);
        const operations = [
          { op: 'replace', path: '/name', value: `Object ${word()}` },
          // Replaced, not appended: the record stays the same size however long the run.
          { op: 'replace', path: '/tags', value: [`zone-${Math.floor(Math.random() * 10)}`, `bench-${word()}`] },
        ];
        return {
          method: 'PATCH',
          path: `/v2/objects/${object.id}`,
          headers: { authorization: tokenOf(tokens, object), 'content-type': 'application/json-patch+json' },
          body: JSON.stringify(operations),
        };
      },
    },
    {
      key: 'getSelect',
      description: 'GET /v2/objects/:id?$select=name,contact/email,status/status',
      build: () => {
        const object = pick(objects);
        return {
          method: 'GET',
          path: `/v2/objects/${object.id}?$select=name,contact/email,status/status`,
          headers: { authorization: tokenOf(tokens, object) },
        };
      },
    },
  ];
}

/** A raw baseline route with the same object choice and merge-style body as the app's mergePatch. */
function rawPatch(key: string, description: string, route: string, objects: readonly SeededObject[]): Scenario {
  return {
    key,
    description,
    build: () => {
      const object = pick(objects);
      return {
        method: 'PATCH',
        path: `/${route}/${object.companyId}/${object.id}`,
        headers: { 'content-type': 'application/merge-patch+json' },
        body: mergeBody(),
      };
    },
  };
}

/** The baseline: the locked transaction. */
export function rawScenario(objects: readonly SeededObject[]): Scenario {
  return rawPatch(
    'rawBaseline',
    'PATCH /raw/:companyId/:id on bare Fastify + pg (BEGIN, SELECT FOR UPDATE, UPDATE, INSERT audit, COMMIT)',
    'raw',
    objects,
  );
}

/** The same SQL as the app's own write path, for a like-for-like comparison. */
export function rawVersionedScenario(objects: readonly SeededObject[]): Scenario {
  return rawPatch(
    'rawVersioned',
    'PATCH /raw-versioned/:companyId/:id on bare Fastify + pg (SELECT, then one version-checked UPDATE + audit INSERT)',
    'raw-versioned',
    objects,
  );
}
