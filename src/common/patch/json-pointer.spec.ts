import { escapeToken, formatPointer, parseArrayIndex, parsePointer } from './json-pointer';
import { PatchRequestError } from './patch.errors';

describe('parsePointer', () => {
  it('parses the root and simple pointers', () => {
    expect(parsePointer('')).toEqual([]);
    expect(parsePointer('/')).toEqual(['']);
    expect(parsePointer('/foo/0/bar')).toEqual(['foo', '0', 'bar']);
    expect(parsePointer('/foo/')).toEqual(['foo', '']);
  });

  it('unescapes ~1 to / and ~0 to ~, in that order (~01 is "~1")', () => {
    expect(parsePointer('/a~1b')).toEqual(['a/b']);
    expect(parsePointer('/m~0n')).toEqual(['m~n']);
    expect(parsePointer('/~01')).toEqual(['~1']);
    expect(parsePointer('/~10')).toEqual(['/0']);
    expect(parsePointer('/~0~1~0')).toEqual(['~/~']);
  });

  it('keeps other characters verbatim', () => {
    expect(parsePointer('/c%d/e^f/ /k"l/i\\j')).toEqual(['c%d', 'e^f', ' ', 'k"l', 'i\\j']);
  });

  it.each(['foo', 'foo/bar', '#/foo'])('rejects %j (no leading slash)', (pointer) => {
    expect(() => parsePointer(pointer, '/3/path')).toThrow(PatchRequestError);
    try {
      parsePointer(pointer, '/3/path');
    } catch (error) {
      expect((error as PatchRequestError).pointer).toBe('/3/path');
    }
  });

  it.each(['/~', '/a~', '/~2', '/a~b', '/~~1'])('rejects the bad escape in %j', (pointer) => {
    expect(() => parsePointer(pointer)).toThrow(PatchRequestError);
  });
});

describe('formatPointer / escapeToken', () => {
  it('escapes ~ before /', () => {
    expect(escapeToken('~1')).toBe('~01');
    expect(escapeToken('a/b')).toBe('a~1b');
    expect(escapeToken('plain')).toBe('plain');
    expect(formatPointer([])).toBe('');
    expect(formatPointer(['', 'a/b', 'm~n'])).toBe('//a~1b/m~0n');
  });

  it('round-trips with parsePointer', () => {
    const tokens = ['~1', '/', '~', '', 'x/~y', '0'];
    expect(parsePointer(formatPointer(tokens))).toEqual(tokens);
  });
});

describe('parseArrayIndex', () => {
  it.each([
    ['0', 0],
    ['7', 7],
    ['10', 10],
    ['1234', 1234],
  ])('accepts %j', (token, index) => {
    expect(parseArrayIndex(token)).toBe(index);
  });

  it.each(['', '00', '01', '-', '-1', '+1', '1e0', '1.0', ' 1', '1 ', 'a', '0x1'])('rejects %j', (token) => {
    expect(parseArrayIndex(token)).toBe(-1);
  });

  it('reads very long indexes as huge numbers (out of range, not malformed)', () => {
    expect(parseArrayIndex('9'.repeat(400))).toBe(Infinity);
  });
});
