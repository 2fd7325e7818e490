// A small SVG element builder for the timeline: attributes in the order given, numbers rounded to
// a tenth, so the same drawing always gives the same bytes. Plain strings: runs in Node and in a browser.

/** An attribute's value; undefined or false leaves the attribute out. */
export type AttributeValue = string | number | undefined | false;

/** A number as the picture writes it: at most one decimal. */
export const num = (n: number): string => String(Math.round(n * 10) / 10);

/** Characters XML 1.0 does not allow, whatever the escaping. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text as XML character data or an attribute value. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** One element: `content` is markup (escape text with escapeXml first); without it, the element closes itself. */
export function el(name: string, attributes: Record<string, AttributeValue>, content?: string): string {
  const written = Object.entries(attributes)
    .filter(([, value]) => value !== undefined && value !== false)
    .map(([key, value]) => ` ${key}="${typeof value === 'number' ? num(value) : value}"`)
    .join('');
  return content === undefined ? `<${name}${written}/>` : `<${name}${written}>${content}</${name}>`;
}

/** A text element, its content escaped. */
export const text = (attributes: Record<string, AttributeValue>, content: string): string =>
  el('text', attributes, escapeXml(content));

/** A path element from its class and its `d`. */
export const path = (cls: string, d: string): string => el('path', { class: cls, d });
