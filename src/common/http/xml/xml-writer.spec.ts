import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { decodeXml, expectWellFormed } from './xml-reader.fixture';
import { DATA, fieldsShape } from './xml-shape';
import { xmlDocument } from './xml-writer';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const PROLOG = '<?xml version="1.0" encoding="UTF-8"?>';

/** Strings made of the characters XML gets wrong most often, and anything else (lone surrogates too). */
const nasty = fc
  .array(
    fc.oneof(
      fc.constantFrom('<', '>', '&', '"', "'", ']]>', '<![CDATA[', '-->', '&amp;', '&#0;', '\\', '\\u0001', '\r', '\r\n', '\n', '\t'),
      fc.constantFrom('\u0000', '\u0001', '\u0008', '\u000B', '\u001F', '\uFFFE', '\uFFFF', '\uD800', '\uDFFF', '😀', '\u007F', '\u0085'),
      fc.constantFrom('x><companyId>forged</companyId><y', '"/><companyId>forged</companyId><entry key="', 'xml', '1a', ''),
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)) }),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(''));

const json = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    nasty,
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(nasty, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** What the JSON form carries of `value` (the reference the XML must equal). */
const viaJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

describe('xmlDocument (API.md §1.9)', () => {
  it('writes declared names as elements, free-form keys as entries, arrays with item wrappers', () => {
    const shape = fieldsShape({ name: DATA, tags: DATA, securityCode: DATA, status: fieldsShape({ status: DATA }) });
    const body = { name: 'A & B', tags: ['x'], securityCode: { companyId: 'forged', 'a b': 1 }, status: { status: 2 }, extra: true };
    expect(xmlDocument('CustomerObject', body, shape)).toBe(
      PROLOG +
        '<CustomerObject><name>A &amp; B</name><tags type="array"><item>x</item></tags>' +
        '<securityCode type="object"><entry key="companyId">forged</entry><entry key="a b" type="number">1</entry></securityCode>' +
        '<status type="object"><status type="number">2</status></status><entry key="extra" type="boolean">true</entry></CustomerObject>',
    );
  });

  it('tells one item from an object, null from an empty string, and {} from []', () => {
    const xml = xmlDocument('r', { one: [{ a: '1' }], object: { a: '1' }, nothing: null, empty: '', o: {}, l: [] });
    expect(xml).toBe(
      PROLOG +
        '<r><entry key="one" type="array"><item type="object"><entry key="a">1</entry></item></entry>' +
        '<entry key="object" type="object"><entry key="a">1</entry></entry><entry key="nothing" type="null"/>' +
        '<entry key="empty"/><entry key="o" type="object"/><entry key="l" type="array"/></r>',
    );
    expect(decodeXml(xml).value).toEqual({ one: [{ a: '1' }], object: { a: '1' }, nothing: null, empty: '', o: {}, l: [] });
  });

  it('writes a key that looks like markup inside the key attribute, so it cannot forge an element', () => {
    const xml = xmlDocument('r', { 'x><companyId>forged</companyId><y': 'v', 'a"b': '<c/>' });
    expect(xml).toBe(
      PROLOG +
        '<r><entry key="x&gt;&lt;companyId&gt;forged&lt;/companyId&gt;&lt;y">v</entry><entry key="a&quot;b">&lt;c/&gt;</entry></r>',
    );
    expect(decodeXml(xml).elementNames).toEqual(new Set(['r', 'entry']));
  });

  it('keeps tab, LF and CR as character references, and never writes ]]> in text', () => {
    expect(xmlDocument('r', { 'k\t\n\r': 'a\r\nb\t]]>' })).toBe(`${PROLOG}<r><entry key="k&#9;&#10;&#13;">a&#13;\nb\t]]&gt;</entry></r>`);
  });

  it('marks a value or key XML 1.0 cannot carry as escaped and writes \\uXXXX, doubling its backslashes', () => {
    expect(xmlDocument('r', { 'a\u0001': 'C:\\dir\uFFFE\uD800😀' })).toBe(
      `${PROLOG}<r><entry key="a\\u0001" escaped="true">C:\\\\dir\\uFFFE\\uD800😀</entry></r>`,
    );
    // Ordinary values are written as they are: backslashes stay single.
    expect(xmlDocument('r', { path: 'C:\\dir\\u0001' })).toBe(`${PROLOG}<r><entry key="path">C:\\dir\\u0001</entry></r>`);
  });

  it('writes what JSON would: toJSON, omitted undefined members, non-finite numbers as null', () => {
    const at = new Date('2024-01-15T10:00:00Z');
    expect(decodeXml(xmlDocument('r', { at, gone: undefined, list: [undefined, Infinity], n: -0 })).value).toEqual(
      viaJson({ at, gone: undefined, list: [undefined, Infinity], n: -0 }),
    );
  });

  it('refuses a root or declared name that is not a safe XML name', () => {
    expect(() => xmlDocument('a b', {})).toThrow('cannot be an XML element name');
    expect(() => fieldsShape({ xmlns: DATA })).toThrow('cannot be an XML element name');
    expect(() => fieldsShape({ $ref: DATA })).toThrow('cannot be an XML element name');
  });

  it('is well-formed for any JSON value and decodes to exactly the JSON form', () => {
    const documents: string[] = [];
    fc.assert(
      fc.property(fc.dictionary(nasty, json, { maxKeys: 5 }), (body) => {
        const xml = xmlDocument('Response', body);
        documents.push(xml);
        expect(decodeXml(xml)).toMatchObject({ root: 'Response', value: viaJson(body) });
        expect([...decodeXml(xml).elementNames].every((name) => ['Response', 'entry', 'item'].includes(name))).toBe(true);
      }),
      { seed: 9, numRuns: RUNS },
    );
    expectWellFormed(documents);
  });

  const checkers = existsSync('/usr/bin/xmllint') ? (['xmllint', 'validator'] as const) : (['validator'] as const);

  it.each(checkers)('the strict checker (%s) refuses what XML 1.0 forbids and passes the documents the writer makes', (checker) => {
    expect(() => expectWellFormed([`${PROLOG}<r>\u0001</r>`], checker)).toThrow();
    expect(() => expectWellFormed([`${PROLOG}<r>\uFFFE</r>`], checker)).toThrow();
    expect(() => expectWellFormed([`${PROLOG}<r><a></r>`], checker)).toThrow();
    expect(() => expectWellFormed([`${PROLOG}<r a="1" a="2"/>`], checker)).toThrow();
    expect(() => expectWellFormed([xmlDocument('r', { '\u0001<': ['\uFFFF]]>', { '"': null }] })], checker)).not.toThrow();
  });
});
