/**
 * Text and attribute values for the service's XML documents (API.md §1.9).
 *
 * Characters XML 1.0 cannot carry at all (§2.2 Char: C0 controls other than tab, LF and CR,
 * unpaired UTF-16 surrogates, U+FFFE and U+FFFF) are not even allowed as character
 * references, so a value holding one is written in an escaped form, in the XML form only
 * (the JSON form is unchanged):
 *
 *   the element gets `escaped="true"`, and in its own text and its `key` attribute
 *   `\\` stands for `\` and `\uXXXX` (four upper-case hex digits) for the UTF-16 code unit XXXX.
 *
 * Only values that need it are marked, so every ordinary value (Windows paths included) is
 * written as it is; a reader decodes exactly the elements marked `escaped="true"`.
 * Tab, LF and CR are legal but a parser normalizes them (CR in text, all three in attribute
 * values, XML 1.0 §2.11 and §3.3.3), so they are written as character references and survive.
 */

/** One unrepresentable UTF-16 code unit (a paired surrogate is a legal astral character). */
const UNREPRESENTABLE =
  // eslint-disable-next-line no-control-regex -- matching exactly these control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNREPRESENTABLE_ALL = new RegExp(UNREPRESENTABLE.source, 'g');

const TEXT_SPECIAL = /[&<>\r]/g;
const ATTRIBUTE_SPECIAL = /[&<>"\t\n\r]/g;
const REFERENCES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;', // always, so `]]>` never appears in text
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
const reference = (character: string) => REFERENCES[character];

/** Whether `value` holds a character XML 1.0 cannot carry, so its element must be marked escaped. */
export function needsEscaping(value: string): boolean {
  return UNREPRESENTABLE.test(value);
}

/** The escaped form (see above) of a value of an element marked `escaped="true"`. */
export function escapeUnrepresentable(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(UNREPRESENTABLE_ALL, (unit) => `\\u${unit.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** Character data of an element; `value` must hold only characters XML 1.0 can carry. */
export function xmlText(value: string): string {
  return value.replace(TEXT_SPECIAL, reference);
}

/** The content of a double-quoted attribute value; `value` must hold only characters XML 1.0 can carry. */
export function xmlAttribute(value: string): string {
  return value.replace(ATTRIBUTE_SPECIAL, reference);
}
